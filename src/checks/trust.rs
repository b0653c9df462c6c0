//! Trust: whether the chain reaches a root clients already trust: the Mozilla root store,
//! or exactly the roots given with `--trust`.

use super::{Check, Context};
use crate::chain::ChainEnd;
use crate::finding::{Family, Finding};
use crate::trust_store::AnchorOrigin;

pub struct TrustCheck;

impl Check for TrustCheck {
    fn family(&self) -> Family {
        Family::Trust
    }
    fn description(&self) -> &'static str {
        "the chain ends at a root in the Mozilla store (or a given --trust root); private roots need installing"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let store = context.store;
        for chain in &context.chains.chains {
            let top = chain.top();
            let objects = chain.certs.iter().copied();
            match &chain.end {
                ChainEnd::Anchor { anchor, .. } => {
                    let Some(anchor) = store.anchors.get(*anchor) else { continue };
                    let message = match &anchor.origin {
                        AnchorOrigin::Mozilla => format!("The chain of {} ends at \"{}\", a root in the Mozilla root store that browsers and operating systems trust.", model.describe(chain.leaf), anchor.name()),
                        AnchorOrigin::Given(input) => format!("The chain of {} ends at \"{}\", a trusted root given in {input}.", model.describe(chain.leaf), anchor.name()),
                    };
                    findings.push(Finding::info(Family::Trust, "trusted", message).objects(objects));
                    for problem in &chain.problems {
                        if let crate::chain::PathProblem::AnchorProblem { reason, .. } = problem {
                            findings.push(
                                Finding::error(Family::Trust, "unusable_root", format!("The trusted root \"{}\" cannot anchor the chain: {reason}.", anchor.name()))
                                    .objects(chain.certs.iter().copied())
                                    .fix("Trust the current, well-formed root certificate of your CA."),
                            );
                        }
                    }
                }
                ChainEnd::UntrustedRoot if store.custom => findings.push(
                    Finding::error(Family::Trust, "untrusted_root", format!(
                        "The chain of {} ends at {}, which is not one of the trusted roots given.", model.describe(chain.leaf), model.describe(top)))
                        .objects(objects)
                        .fix("Check that the chain was issued by the CA whose root you trust."),
                ),
                ChainEnd::UntrustedRoot => findings.push(
                    Finding::warning(Family::Trust, "private_root", format!(
                        "The chain of {} ends at {}, which is not a publicly trusted root: every client must have it installed.",
                        model.describe(chain.leaf), model.describe(top)))
                        .objects(objects)
                        .fix("Fine for internal services whose clients have this root installed; for public sites use a certificate from a public CA."),
                ),
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit if store.custom => findings.push(
                    Finding::error(Family::Trust, "not_trusted", format!(
                        "The chain of {} does not reach any of the trusted roots given.", model.describe(chain.leaf)))
                        .objects(objects)
                        .fix("Add the missing intermediates, or check that you trust the right root."),
                ),
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit => {}
            }
        }
    }
}
