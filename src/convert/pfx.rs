//! `--to pfx`: the leaf, its chain in order and the key that belongs to the leaf, in one
//! PKCS#12 file.

use sha2::Digest as _;

use super::keys::{derive, plain_key, to_pkcs8};
use super::naming::{safe_name, Names};
use super::read::is_private;
use super::{ConvertError, ConvertErrorKind, Item, Options, Output, PFX_ITERATIONS};
use crate::crypto::pkcs12::{MacDigest, Password};
use crate::crypto::{self, PfxEncryption};
use crate::input::pkcs12::write as pfx_write;
use crate::input::Content;
use crate::model::{self, Certificate};
use crate::tlv;

/// The PKCS#12 file of the main chain's leaf (then its issuers, then any other certificate
/// given) and the one private key that belongs to the leaf.
pub(super) fn pfx(
    items: &[Item],
    names: &Names,
    options: &Options,
) -> Result<Output, ConvertError> {
    let password = options
        .new_password
        .as_deref()
        .ok_or_else(|| ConvertError::whole(ConvertErrorKind::NewPasswordNeeded))?;
    let mut certs: Vec<usize> = names.chain.clone();
    for (i, item) in items.iter().enumerate() {
        if item.cert.is_some() && !certs.iter().any(|&c| items[c].der == item.der) {
            certs.push(i);
        }
    }
    let Some(leaf) = certs.first().and_then(|&i| items[i].cert.as_ref()) else {
        return Err(ConvertError::whole(ConvertErrorKind::PfxNoCertificate));
    };
    let leaf_name = model::display_name(leaf);
    let key = leaf_key(items, leaf, options)?;

    let (scheme, digest, mac_salt_len) = if options.legacy_pfx {
        (PfxEncryption::TripleDes, MacDigest::Sha1, 8)
    } else {
        (PfxEncryption::Aes256, MacDigest::Sha256, 16)
    };
    let encoding = |reason: String| ConvertError::whole(ConvertErrorKind::Encoding { reason });
    // Each encryption and the MAC get their own salt (and IV) from the caller's bytes.
    let encrypt = |n: usize, plain: &[u8]| {
        let (salt, iv) = (derive(&options.salt, n), derive(&options.iv, n));
        crypto::encrypt(scheme, password, &salt, &iv, PFX_ITERATIONS, plain).map_err(encoding)
    };
    // friendlyName and localKeyId (SHA-1 of the certificate, as OpenSSL and Windows make
    // it) pair the leaf with its key on import.
    let local_key_id = sha1::Sha1::digest(&leaf.der);
    let attributes = pfx_write::bag_attributes(&leaf_name, &local_key_id);
    let cert_bags: Vec<u8> = certs
        .iter()
        .enumerate()
        .flat_map(|(position, &i)| {
            let attributes = (position == 0).then_some(attributes.as_slice());
            pfx_write::cert_bag(&items[i].der, attributes)
        })
        .collect();
    let (algorithm, ciphertext) = encrypt(1, &tlv::encode(tlv::SEQUENCE, &cert_bags))?;
    let certificates = pfx_write::encrypted_data(&algorithm, &ciphertext);
    let (algorithm, ciphertext) = encrypt(2, &key)?;
    let key_bag = pfx_write::shrouded_key_bag(&algorithm, &ciphertext, &attributes);
    let keys = pfx_write::data(&tlv::encode(tlv::SEQUENCE, &key_bag));
    let auth_safe = tlv::encode(tlv::SEQUENCE, &[certificates, keys].concat());
    let mac_salt = &derive(&options.salt, 3)[..mac_salt_len];
    let iterations = u64::from(PFX_ITERATIONS);
    let mac = digest.mac(&Password::new(password), mac_salt, iterations, &auth_safe);
    Ok(Output {
        name: safe_name(&format!("{leaf_name}.pfx")),
        content: Some(Content::Pkcs12),
        der: true,
        count: certs.len() + 1,
        secret: true,
        data: pfx_write::pfx(&auth_safe, digest, &mac, mac_salt, PFX_ITERATIONS),
    })
}

/// The plain PKCS#8 of the private key that belongs to `leaf`.
pub(super) fn leaf_key(
    items: &[Item],
    leaf: &Certificate,
    options: &Options,
) -> Result<Vec<u8>, ConvertError> {
    let leaf_key = leaf.public_key.as_ref().ok();
    let mut budget = crypto::KEY_DERIVATION_BUDGET;
    let mut keys = 0;
    for item in items.iter().filter(|i| is_private(i.content)) {
        keys += 1;
        let (plain, format) = plain_key(item, options, &mut budget)?;
        let parsed = crypto::parse_private_key(&plain, format).map_err(|e| {
            let reason = e.to_string();
            ConvertError::new(ConvertErrorKind::UnsupportedKey { reason }, &item.source)
        })?;
        if leaf_key.is_some_and(|k| k.same_key(&parsed.public)) {
            return to_pkcs8(&plain, format).map_err(|kind| ConvertError::new(kind, &item.source));
        }
    }
    let cert = model::display_name(leaf);
    Err(ConvertError::whole(if keys == 0 {
        ConvertErrorKind::PfxNoKey { cert }
    } else {
        ConvertErrorKind::PfxKeyMismatch { cert }
    }))
}
