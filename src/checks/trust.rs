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
                    let Some(anchor) = store.anchors.get(*anchor) else {
                        continue;
                    };
                    let trusted = Finding::info(Family::Trust, "trusted")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("root", anchor.name())
                        .objects(objects);
                    findings.push(match &anchor.origin {
                        AnchorOrigin::Mozilla => trusted,
                        AnchorOrigin::Given(input) => {
                            trusted.param("input", input.as_str()).variant("given")
                        }
                    });
                    for problem in &chain.problems {
                        if let crate::chain::PathProblem::AnchorProblem { reason, .. } = problem {
                            findings.push(
                                Finding::error(Family::Trust, "unusable_root")
                                    .param("root", anchor.name())
                                    .reason("reason", reason.clone())
                                    .objects(chain.certs.iter().copied()),
                            );
                        }
                    }
                }
                ChainEnd::UntrustedRoot if store.custom => findings.push(
                    Finding::error(Family::Trust, "untrusted_root")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("root", model.object_ref(top))
                        .objects(objects),
                ),
                ChainEnd::UntrustedRoot => findings.push(
                    Finding::warning(Family::Trust, "private_root")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("root", model.object_ref(top))
                        .objects(objects),
                ),
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit if store.custom => {
                    findings.push(
                        Finding::error(Family::Trust, "not_trusted")
                            .param("cert", model.object_ref(chain.leaf))
                            .objects(objects),
                    )
                }
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit => {}
            }
        }
    }
}
