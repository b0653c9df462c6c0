//! What clients object to in one path, certificate by certificate: validity, keys and
//! signature hashes, CA flags, key usage, path length, EKU, name constraints, and the trust
//! anchor's own fitness.

use super::{ChainEnd, Issuer, PathProblem};
use crate::finding::{Arg, Reason};
use crate::model::{Certificate, Model, ObjectId};
use crate::policy;
use crate::subject_name;
use crate::trust_store::TrustStore;

/// What clients would object to in this path: validity, CA flags, key usage, path length,
/// EKU and name constraints. The leaf's own names against `--host` are the domain check's.
pub fn validate_path(
    model: &Model,
    store: &TrustStore,
    path: &[ObjectId],
    end: &ChainEnd,
    at: i64,
) -> Vec<PathProblem> {
    let mut problems = Vec::new();
    let certs: Vec<&Certificate> = path
        .iter()
        .filter_map(|&id| model.certificate(id))
        .collect();
    for (position, (&id, cert)) in path.iter().zip(&certs).enumerate() {
        let is_root = position + 1 == path.len()
            && matches!(
                end,
                ChainEnd::UntrustedRoot | ChainEnd::Anchor { in_input: true, .. }
            );
        if at < cert.not_before {
            problems.push(PathProblem::NotYetValid { cert: id });
        } else if at > cert.not_after {
            problems.push(PathProblem::Expired { cert: id });
        }
        for extension in &cert.unknown_critical_extensions {
            problems.push(PathProblem::UnknownCriticalExtension {
                cert: id,
                extension: extension.clone(),
            });
        }
        if let Some(reason) = policy::key_weakness(&cert.key_info) {
            problems.push(PathProblem::WeakKey { cert: id, reason });
        }
        // A root's own signature is never checked by clients; only issued certificates' are.
        if !(is_root && cert.is_self_issued()) {
            if let Some(hash) = cert.signature_algorithm.weak_hash() {
                problems.push(PathProblem::WeakSignature { cert: id, hash });
            }
        }
        let role = match position {
            0 => policy::Role::Leaf,
            _ if is_root => policy::Role::Root,
            _ => policy::Role::Intermediate,
        };
        for reason in policy::nonconformities(cert, role) {
            problems.push(PathProblem::Nonconforming { cert: id, reason });
        }
        if position == 0 {
            if cert.is_ca() && path.len() > 1 {
                problems.push(PathProblem::LeafIsCa { cert: id });
            }
            if !cert.eku_allows_server_auth() {
                problems.push(PathProblem::EkuNotServerAuth { cert: id });
            }
            continue;
        }
        if !cert.is_ca() {
            problems.push(PathProblem::IssuerNotCa { cert: id });
        }
        if !cert.key_usage_allows_cert_sign() {
            problems.push(PathProblem::IssuerKeyUsage { cert: id });
        }
        if let Some(eku) = &cert.ext_key_usage {
            if !eku.server_auth && !eku.any && !is_root {
                problems.push(PathProblem::EkuNotServerAuth { cert: id });
            }
        }
        if let Some(limit) = cert.basic_constraints.and_then(|bc| bc.path_len) {
            // Intermediates between this CA and the leaf, not counting self-issued ones.
            let below = certs[1..position]
                .iter()
                .filter(|c| !c.is_self_issued())
                .count();
            if below > limit as usize {
                problems.push(PathProblem::PathLength {
                    ca: id,
                    limit,
                    below,
                });
            }
        }
        if cert.has_name_constraints {
            name_constraints(
                Issuer::Input(id),
                cert,
                &certs[..position],
                path,
                &mut problems,
            );
        }
    }
    if let ChainEnd::Anchor {
        anchor,
        in_input: false,
    } = end
    {
        if let Some(root) = store
            .anchors
            .get(*anchor)
            .and_then(|a| a.certificate.as_deref())
        {
            for reason in anchor_problems(root, at) {
                problems.push(PathProblem::AnchorProblem {
                    anchor: *anchor,
                    reason,
                });
            }
            if root.has_name_constraints {
                name_constraints(Issuer::Anchor(*anchor), root, &certs, path, &mut problems);
            }
        }
    }
    problems
}

/// Applies one CA's name constraints to every certificate below it.
fn name_constraints(
    by: Issuer,
    ca: &Certificate,
    below: &[&Certificate],
    ids: &[ObjectId],
    problems: &mut Vec<PathProblem>,
) {
    let Some(parsed_ca) = ca.parsed() else { return };
    let constraint_problem = |phrase| PathProblem::NameConstraint {
        constrained_by: by,
        cert: ids[0],
        detail: Reason::new(phrase),
    };
    // An unreadable or empty constraint must not be read as "no constraint": fail closed.
    let constraints = match parsed_ca.name_constraints() {
        Ok(Some(constraints)) => constraints.value,
        Ok(None) => return,
        Err(_) => return problems.push(constraint_problem("phrase.name_constraints_malformed")),
    };
    let empty = |trees: &Option<Vec<_>>| trees.as_ref().is_none_or(Vec::is_empty);
    if empty(&constraints.permitted_subtrees) && empty(&constraints.excluded_subtrees) {
        return problems.push(constraint_problem("phrase.name_constraints_empty"));
    }
    for (index, cert) in below.iter().enumerate() {
        let is_leaf = index == 0;
        // RFC 5280 6.1.4 (b): self-issued intermediates are not checked against constraints.
        if !is_leaf && cert.is_self_issued() {
            continue;
        }
        let Some(parsed) = cert.parsed() else {
            continue;
        };
        if let Err(violation) = subject_name::check_name_constraints(constraints, &parsed, is_leaf)
        {
            problems.push(PathProblem::NameConstraint {
                constrained_by: by,
                cert: ids[index],
                detail: violation.reason(),
            });
        }
    }
}

/// What makes a given root certificate unusable as a trust anchor. Roots from the Mozilla
/// store are vetted already and carry no certificate here.
fn anchor_problems(root: &Certificate, at: i64) -> Vec<Reason> {
    let mut out = Vec::new();
    if !root.valid_at(at) {
        out.push(
            Reason::new("phrase.root_validity")
                .param("not_before", Arg::Time(root.not_before))
                .param("not_after", Arg::Time(root.not_after)),
        );
    }
    if !root.is_ca() {
        out.push(Reason::new("phrase.root_not_ca"));
    }
    if !root.key_usage_allows_cert_sign() {
        out.push(Reason::new("phrase.root_key_usage"));
    }
    if root
        .ext_key_usage
        .as_ref()
        .is_some_and(|eku| !eku.server_auth)
    {
        out.push(Reason::new("phrase.root_no_server_auth"));
    }
    for extension in &root.unknown_critical_extensions {
        out.push(
            Reason::new("phrase.root_critical_extension").param("extension", extension.as_str()),
        );
    }
    if let Some(weakness) = policy::key_weakness(&root.key_info) {
        let mut reason =
            Reason::new("phrase.root_weak_key").param("weakness", Arg::Phrase(weakness.phrase));
        reason.params.extend(weakness.params);
        out.push(reason);
    }
    out.extend(policy::nonconformities(root, policy::Role::Root));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixtures::{model, store, AT};

    /// The problems of the path the files give, in their order, ending at the fixtures' root.
    fn problems(files: &[&str], at: i64) -> Vec<PathProblem> {
        let model = model(files);
        let path: Vec<ObjectId> = (0..model.objects.len()).collect();
        let end = ChainEnd::Anchor {
            anchor: 0,
            in_input: false,
        };
        validate_path(&model, &store(), &path, &end, at)
    }

    #[test]
    fn a_good_path_has_no_problem() {
        assert_eq!(problems(&["fullchain.pem"], AT), vec![]);
    }

    #[test]
    fn validity_is_judged_at_the_instant() {
        let after = 1_786_000_000; // 2026-08-06, after the leaf's notAfter
        assert_eq!(
            problems(&["fullchain.pem"], after),
            vec![PathProblem::Expired { cert: 0 }]
        );
        let notyet = problems(&["leaf-notyet.pem", "int2.pem", "int1.pem"], AT);
        assert!(
            notyet.contains(&PathProblem::NotYetValid { cert: 0 }),
            "{notyet:?}"
        );
    }

    #[test]
    fn a_ca_as_leaf_and_a_client_certificate_are_refused() {
        let ca = problems(&["leaf-ca.pem", "int2.pem", "int1.pem"], AT);
        assert!(ca.contains(&PathProblem::LeafIsCa { cert: 0 }), "{ca:?}");
        let client = problems(&["leaf-clientauth.pem", "int2.pem", "int1.pem"], AT);
        assert!(
            client.contains(&PathProblem::EkuNotServerAuth { cert: 0 }),
            "{client:?}"
        );
    }

    #[test]
    fn weak_keys_and_hashes_are_named_with_their_certificate() {
        let rsa1024 = problems(&["leaf-rsa1024.pem", "int2.pem", "int1.pem"], AT);
        assert!(
            rsa1024
                .iter()
                .any(|p| matches!(p, PathProblem::WeakKey { cert: 0, .. })),
            "{rsa1024:?}"
        );
        let sha1 = problems(&["leaf-sha1.pem", "int2.pem", "int1.pem"], AT);
        assert!(
            sha1.iter()
                .any(|p| matches!(p, PathProblem::WeakSignature { cert: 0, .. })),
            "{sha1:?}"
        );
    }

    #[test]
    fn an_intermediate_must_be_a_ca() {
        // The leaf standing in as the issuer of another leaf.
        let path = problems(&["leaf-p256.pem", "leaf-rsa2048.pem", "int1.pem"], AT);
        assert!(
            path.contains(&PathProblem::IssuerNotCa { cert: 1 }),
            "{path:?}"
        );
    }
}
