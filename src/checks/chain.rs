//! Chain: every issuer present, every link proved by its signature.

use super::{Check, Context};
use crate::chain::{ChainEnd, Issuer, MAX_DEPTH, MAX_SIGNATURE_CHECKS};
use crate::finding::{Family, Finding};
use crate::model::certificate::colon_hex;

pub struct ChainCheck;

impl Check for ChainCheck {
    fn family(&self) -> Family {
        Family::Chain
    }
    fn description(&self) -> &'static str {
        "missing intermediates (with their name, key id and AIA URL), links whose signature does not verify, self-signed leaves"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for chain in &context.chains.chains {
            let top = chain.top();
            let Some(cert) = model.certificate(top) else {
                continue;
            };
            for bad in chain.bad_links.iter().filter(|b| b.child == top) {
                let Issuer::Input(impostor) = bad.issuer else {
                    continue;
                };
                findings.push(
                    Finding::error(Family::Chain, "signature_mismatch", format!(
                        "{} names \"{}\" as its issuer, and {} has that name, but its key did not sign it ({}). It is a different certificate with the same name (an older or newer version, or a forgery).",
                        model.describe(top), cert.issuer, model.describe(impostor), bad.error))
                        .objects([top, impostor])
                        .fix("Get the intermediate certificate that actually issued this certificate from your certificate authority (see its AIA CA Issuers URL) and use it instead."),
                );
            }
            match chain.end {
                ChainEnd::MissingIssuer => {
                    let key_id = cert.authority_key_id.as_deref().map(|id| format!(" (key identifier {})", colon_hex(id).to_uppercase())).unwrap_or_default();
                    let url = match cert.ca_issuers.first() {
                        Some(url) => format!(" The certificate says it can be downloaded from {url} (certlens does not fetch it)."),
                        None => String::new(),
                    };
                    findings.push(
                        Finding::error(Family::Chain, "missing_intermediate", format!(
                            "The issuer of {}, \"{}\"{key_id}, is missing. Browsers on desktops may fetch it themselves; Android, Java, curl and most other clients will reject the chain.{url}",
                            model.describe(top), cert.issuer))
                            .objects([top])
                            .fix(if cert.is_ca() && !context.store.custom {
                                "Add the missing intermediate certificate right after this one (your CA's download page or the AIA URL has it). If the missing issuer is the root of your own private CA, give certlens that root as a trusted root instead."
                            } else {
                                "Add the missing intermediate certificate right after this one (your CA's download page or the AIA URL has it), then check again."
                            }),
                    );
                }
                ChainEnd::Limit => findings.push(
                    Finding::error(Family::Chain, "chain_limit", format!(
                        "Building the chain of {} stopped at a limit (at most {MAX_DEPTH} certificates deep and {MAX_SIGNATURE_CHECKS} signature checks).",
                        model.describe(chain.leaf)))
                        .objects(chain.certs.iter().copied())
                        .fix("Give only the certificates of the chain you deploy."),
                ),
                ChainEnd::Loop => findings.push(
                    Finding::error(Family::Chain, "chain_loop", format!(
                        "The chain of {} loops: {} is issued by \"{}\", which is already below it in the chain, so it never reaches a root.",
                        model.describe(chain.leaf), model.describe(top), cert.issuer))
                        .objects(chain.certs.iter().copied())
                        .fix("Use the intermediates your CA provides for this certificate; cross-signed certificates that issue each other cannot form a chain on their own."),
                ),
                ChainEnd::UntrustedRoot | ChainEnd::Anchor { .. } => {}
            }
            let leaf_self_signed = chain.certs.len() == 1
                && matches!(chain.end, ChainEnd::UntrustedRoot)
                && model.certificate(chain.leaf).is_some_and(|c| !c.is_ca());
            if leaf_self_signed {
                findings.push(
                    Finding::warning(Family::Chain, "self_signed_leaf", format!(
                        "{} is self-signed: browsers and other clients will refuse it unless it is installed as trusted on every one of them.",
                        model.describe(chain.leaf)))
                        .objects([chain.leaf])
                        .fix("For a public site, get a certificate from a public CA (for example a free ACME CA). For internal use, issue it from a private CA whose root you distribute."),
                );
            }
        }
        if context.chains.limit_hit
            && context
                .chains
                .chains
                .iter()
                .all(|c| !matches!(c.end, ChainEnd::Limit))
        {
            findings.push(Finding::warning(Family::Chain, "search_limited", format!(
                "The inputs hold so many candidate issuers that certlens stopped trying alternatives after {MAX_SIGNATURE_CHECKS} signature checks; the chains shown may not be the best ones.")));
        }
    }
}
