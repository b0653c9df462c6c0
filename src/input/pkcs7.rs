//! PKCS#7 / CMS SignedData certificate bundles (.p7b, .p7c): only the certificates are read.

use crate::tlv;

/// The certificates of a degenerate SignedData (`openssl crl2pkcs7`, Windows exports), at
/// most `limit` of them; the flag is true when more were left unread.
pub fn certificates(data: &[u8], limit: usize) -> Result<(Vec<Vec<u8>>, bool), String> {
    let malformed = |what: &str| format!("the PKCS#7 structure is malformed ({what})");
    let (content_info, _) = tlv::read_tlv(data).map_err(|e| format!("the PKCS#7 structure {e}"))?;
    let items = tlv::children(content_info.value, 2).ok_or_else(|| malformed("ContentInfo"))?;
    let explicit = items
        .get(1)
        .filter(|t| t.tag == tlv::CONTEXT_0)
        .ok_or_else(|| malformed("no content"))?;
    let (signed_data, _) = tlv::read_tlv(explicit.value).map_err(|_| malformed("SignedData"))?;
    let fields =
        tlv::children(signed_data.value, 8).ok_or_else(|| malformed("SignedData fields"))?;
    let Some(certs) = fields.iter().find(|t| t.tag == tlv::CONTEXT_0) else {
        return Ok((Vec::new(), false));
    };
    let mut out = Vec::new();
    let mut rest = certs.value;
    while !rest.is_empty() {
        let (tlv, after) =
            tlv::read_tlv(rest).map_err(|e| format!("a certificate in the bundle {e}"))?;
        // Other CertificateChoices (attribute certificates, [0]..[3]) are not X.509 certificates.
        if tlv.tag == tlv::SEQUENCE {
            // Members count against the block limit: a few bytes each, they could otherwise
            // turn one input into millions of objects.
            if out.len() == limit {
                return Ok((out, true));
            }
            out.push(tlv.raw.to_vec());
        }
        rest = after;
    }
    Ok((out, false))
}
