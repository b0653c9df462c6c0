//! Order: within each input, the server's own certificate first, then each issuer in turn.
//! Servers send the file as it is, and clients are strict about the first certificate.

use std::collections::{HashMap, HashSet};

use super::{Check, Context};
use crate::chain::ChainEnd;
use crate::finding::{Family, Finding};
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
        let fixed = "Use the corrected fullchain certlens produces: the server certificate first, then each issuer in turn.";

        // Certificates per input, inputs in order of appearance: one pass, however many inputs.
        let mut inputs: Vec<(&str, Vec<ObjectId>)> = Vec::new();
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for (id, _) in model.certificates() {
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
                        Finding::error(Family::Order, "leaf_not_first", format!(
                            "In {input}, the first certificate is {}, but the server certificate {} must come first: servers present the first certificate as their own.",
                            model.describe(first), model.describe(leaf)))
                            .objects([leaf, first])
                            .fix(fixed),
                    );
                }
            }
            if input_leaves.len() > 1 {
                findings.push(
                    Finding::warning(Family::Order, "several_leaves", format!(
                        "{input} holds {} server certificates; a server uses one file per certificate and ignores the others.",
                        input_leaves.len()))
                        .objects(input_leaves.iter().copied())
                        .fix("Split the file: one file per site certificate, each followed by its own intermediates."),
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
                    let described: Vec<String> =
                        expected.iter().map(|&id| model.describe(id)).collect();
                    findings.push(
                        Finding::warning(Family::Order, "intermediates_out_of_order", format!(
                            "In {input}, the intermediate certificates are not in order; the order should be: {}.",
                            described.join(" → ")))
                            .objects(expected)
                            .fix(fixed),
                    );
                }
            }
        }

        for &(copy, original) in &chains.duplicates {
            findings.push(
                Finding::warning(Family::Order, "duplicate", format!("{} is a copy of {}.", model.describe(copy), model.describe(original)))
                    .objects([copy, original])
                    .fix("Remove the copy; it wastes bytes in every handshake and confuses some clients."),
            );
        }
        for &id in &chains.unrelated {
            findings.push(
                Finding::warning(Family::Order, "unrelated", format!(
                    "{} belongs to no chain here: it is neither the server certificate nor the issuer of one.",
                    model.describe(id)))
                    .objects([id])
                    .fix("Remove it from the file, unless it is the intermediate of a certificate that is missing."),
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
                    Finding::info(Family::Order, "root_included", format!(
                        "The chain includes its root {}. Clients use their own copy of the root, so it can be left out.",
                        model.describe(top)))
                        .objects([top])
                        .fix("Optional: leave the root out of the served file (the corrected fullchain does)."),
                );
            }
        }
    }
}
