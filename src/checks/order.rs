//! Order: within each input, the server's own certificate first, then each issuer in turn.
//! Servers send the file as it is, and clients are strict about the first certificate.

use std::collections::{HashMap, HashSet};

use super::{Check, Context};
use crate::chain::ChainEnd;
use crate::finding::{Arg, Family, Finding};
use crate::model::ObjectId;

pub struct OrderCheck;

impl Check for OrderCheck {
    fn family(&self) -> Family {
        Family::Order
    }
    fn description(&self) -> &'static str {
        "leaf first, each intermediate followed by its issuer; duplicates, extras, included roots"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let chains = context.chains;
        let leaves: HashSet<ObjectId> = chains.chains.iter().map(|c| c.leaf).collect();
        // Chains are built from the first copy of each certificate; a copy in another input
        // stands for it there, so that every input's order is judged on its own.
        let original: HashMap<ObjectId, ObjectId> = chains.duplicates.iter().copied().collect();
        let canonical = |id: ObjectId| original.get(&id).copied().unwrap_or(id);
        // The encryption half of an SM2 double certificate is served beside its signing half
        // (ssl_enc_certificate next to ssl_sign_certificate), not instead of it: a file holding
        // both is one server certificate, not two.
        let encryption_halves: HashMap<ObjectId, ObjectId> =
            super::usage::sm2_double_certificates(model, chains)
                .into_iter()
                .map(|(sign, enc)| (enc, sign))
                .collect();

        // Certificates per input, inputs in order of appearance: one pass, however many inputs.
        let mut inputs: Vec<(&str, Vec<ObjectId>)> = Vec::new();
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for (id, _) in model.input_certificates() {
            let input = model.objects[id].source.input.as_str();
            let index = *index_of.entry(input).or_insert_with(|| {
                inputs.push((input, Vec::new()));
                inputs.len() - 1
            });
            inputs[index].1.push(id);
        }
        for (input, in_input) in inputs {
            if in_input.len() < 2 {
                continue;
            }
            let first = in_input[0];
            let first_is_leaf = leaves.contains(&canonical(first));
            // Each leaf once, however many copies of it the input holds.
            let mut seen = HashSet::new();
            let input_leaves: Vec<ObjectId> = in_input
                .iter()
                .copied()
                .filter(|&id| leaves.contains(&canonical(id)) && seen.insert(canonical(id)))
                .collect();
            if !first_is_leaf {
                if let Some(&leaf) = input_leaves.first() {
                    findings.push(
                        Finding::error(Family::Order, "leaf_not_first")
                            .param("input", input)
                            .param("first", model.object_ref(first))
                            .param("leaf", model.object_ref(leaf))
                            .objects([leaf, first]),
                    );
                }
            }
            let served = input_leaves
                .iter()
                .filter(|&&id| {
                    encryption_halves
                        .get(&canonical(id))
                        .is_none_or(|sign| !input_leaves.iter().any(|&l| canonical(l) == *sign))
                })
                .count();
            if served > 1 {
                findings.push(
                    Finding::warning(Family::Order, "several_leaves")
                        .param("input", input)
                        .param("count", input_leaves.len())
                        .objects(input_leaves.iter().copied()),
                );
            }
            let judged_leaf = if first_is_leaf {
                Some(first)
            } else {
                input_leaves.first().copied()
            };
            for chain in chains
                .chains
                .iter()
                .filter(|c| judged_leaf.map(canonical) == Some(c.leaf))
            {
                let positions: Vec<usize> = chain
                    .certs
                    .iter()
                    .skip(1)
                    .filter_map(|&id| in_input.iter().position(|&x| canonical(x) == id))
                    .collect();
                if positions.windows(2).any(|w| w[0] > w[1]) {
                    // Named by their copies in this input where it has them.
                    let in_this_input = |id: &ObjectId| {
                        in_input
                            .iter()
                            .copied()
                            .find(|&x| canonical(x) == *id)
                            .unwrap_or(*id)
                    };
                    let expected: Vec<ObjectId> = chain.certs.iter().map(in_this_input).collect();
                    let named = expected.iter().map(|&id| model.object_ref(id).into());
                    findings.push(
                        Finding::warning(Family::Order, "intermediates_out_of_order")
                            .param("input", input)
                            .param("order", Arg::Sequence(named.collect()))
                            .objects(expected),
                    );
                }
            }
        }

        for &(copy, original) in &chains.duplicates {
            findings.push(
                Finding::warning(Family::Order, "duplicate")
                    .param("copy", model.object_ref(copy))
                    .param("original", model.object_ref(original))
                    .objects([copy, original]),
            );
        }
        for &id in &chains.unrelated {
            findings.push(
                Finding::warning(Family::Order, "unrelated")
                    .param("cert", model.object_ref(id))
                    .objects([id]),
            );
        }
        for copy in &chains.expired_root_copies {
            let Some(cert) = model.certificate(copy.cert) else {
                continue;
            };
            let root = context
                .store
                .anchors
                .get(copy.anchor)
                .map(|a| a.name())
                .unwrap_or_default();
            let finding = if copy.cross_signed {
                Finding::warning(Family::Order, "expired_cross_sign")
            } else {
                Finding::warning(Family::Order, "expired_root_included")
            };
            findings.push(
                finding
                    .param("cert", model.object_ref(copy.cert))
                    .param("root", root)
                    .param("issuer", issuer_name(context, cert))
                    .param("not_after", Arg::Time(cert.not_after))
                    .objects([copy.cert]),
            );
        }
        for chain in &chains.chains {
            let top = chain.top();
            let root_in_input = matches!(
                chain.end,
                ChainEnd::UntrustedRoot | ChainEnd::Anchor { in_input: true, .. }
            ) && chain.certs.len() > 1
                && model.certificate(top).is_some_and(|c| c.is_self_issued());
            if root_in_input {
                findings.push(
                    Finding::info(Family::Order, "root_included")
                        .param("root", model.object_ref(top))
                        .objects([top]),
                );
            }
        }
    }
}

/// The name of the root that issued a certificate, as its trust anchor gives it, else the
/// issuer's distinguished name.
fn issuer_name(context: &Context<'_>, cert: &crate::model::Certificate) -> String {
    let store = context.store;
    store
        .with_subject(&cert.issuer_der)
        .first()
        .and_then(|&anchor| store.anchors.get(anchor))
        .map_or_else(|| cert.issuer.clone(), |anchor| anchor.name())
}
