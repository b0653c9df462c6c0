//! IP addresses in subjectAltName entries and in name constraints.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The address in a SAN `iPAddress` entry (4 octets for IPv4, 16 for IPv6);
/// `None` for any other length, such as a CIDR range put where an address
/// belongs.
pub fn ip_from_san(octets: &[u8]) -> Option<IpAddr> {
    if let Ok(v4) = <[u8; 4]>::try_from(octets) {
        Some(IpAddr::V4(Ipv4Addr::from(v4)))
    } else {
        <[u8; 16]>::try_from(octets)
            .ok()
            .map(|v6| IpAddr::V6(Ipv6Addr::from(v6)))
    }
}

/// An `iPAddress` name constraint: a network address followed by a mask of
/// the same length (8 octets for IPv4, 32 for IPv6, RFC 5280 §4.2.1.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IpConstraint<'a> {
    network: &'a [u8],
    mask: &'a [u8],
}

impl<'a> IpConstraint<'a> {
    /// Reads a constraint; `None` for a wrong length or a mask whose one-bits
    /// are not contiguous from the left: such a constraint is malformed and
    /// the caller treats it as unsatisfiable.
    pub(crate) fn parse(octets: &'a [u8]) -> Option<Self> {
        if octets.len() != 8 && octets.len() != 32 {
            return None;
        }
        let (network, mask) = octets.split_at(octets.len() / 2);
        prefix_len(mask).map(|_| Self { network, mask })
    }

    /// Whether `addr` is inside the network. Addresses of the other family
    /// never are (an IPv4-mapped IPv6 address is not an IPv4 address here).
    pub(crate) fn contains(&self, addr: &IpAddr) -> bool {
        match addr {
            IpAddr::V4(v4) => self.contains_octets(&v4.octets()),
            IpAddr::V6(v6) => self.contains_octets(&v6.octets()),
        }
    }

    fn contains_octets(&self, octets: &[u8]) -> bool {
        octets.len() == self.network.len()
            && octets
                .iter()
                .zip(self.network)
                .zip(self.mask)
                .all(|((a, n), m)| a & m == n & m)
    }
}

/// The number of leading one-bits of `mask`, or `None` when a one-bit
/// follows a zero-bit.
fn prefix_len(mask: &[u8]) -> Option<u32> {
    let mut ones = 0;
    let mut seen_zero = false;
    for &byte in mask {
        if seen_zero && byte != 0 {
            return None;
        }
        if byte != 0xff {
            // Within the byte the ones must be leading too.
            if byte.leading_ones() + byte.trailing_zeros() != 8 {
                return None;
            }
            seen_zero = true;
        }
        ones += byte.leading_ones();
    }
    Some(ones)
}

/// A constraint's octets for people: `192.0.2.0/24`, `2001:db8::/32`, or a
/// description of why it is malformed.
pub(crate) fn describe_constraint(octets: &[u8]) -> String {
    let half = octets.len() / 2;
    let (network, mask) = octets.split_at(half);
    match (ip_from_san(network), octets.len() % 2) {
        (Some(addr), 0) => match prefix_len(mask) {
            Some(len) => format!("{addr}/{len}"),
            None => format!("{addr} with non-contiguous mask {}", hex(mask)),
        },
        _ => format!("malformed ({} octets: {})", octets.len(), hex(octets)),
    }
}

/// Octets as colon-separated hex, for values that are not addresses.
pub(crate) fn hex(octets: &[u8]) -> String {
    octets
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn san_octets() {
        assert_eq!(ip_from_san(&[192, 0, 2, 1]), "192.0.2.1".parse().ok());
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        assert_eq!(ip_from_san(&v6), "::1".parse().ok());
        for bad in [&[][..], &[1, 2, 3], &[192, 0, 2, 0, 255, 255, 255, 0]] {
            assert_eq!(ip_from_san(bad), None);
        }
    }

    #[test]
    fn masks() {
        let cases: [(&[u8], Option<u32>); 7] = [
            (&[255, 255, 255, 0], Some(24)),
            (&[255, 255, 255, 255], Some(32)),
            (&[0, 0, 0, 0], Some(0)),
            (&[255, 128, 0, 0], Some(9)),
            (&[255, 0, 255, 0], None),
            (&[255, 64, 0, 0], None),
            (&[254, 1, 0, 0], None),
        ];
        for (mask, want) in cases {
            assert_eq!(prefix_len(mask), want, "{mask:?}");
        }
    }

    #[test]
    fn matching() {
        let net24 = [192, 0, 2, 0, 255, 255, 255, 0];
        let mut v6_32 = [0u8; 32];
        v6_32[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        v6_32[16..20].fill(0xff);
        let cases: [(&[u8], &str, bool); 8] = [
            (&net24, "192.0.2.1", true),
            (&net24, "192.0.2.255", true),
            (&net24, "192.0.3.1", false),
            (&net24, "::ffff:192.0.2.1", false),
            (&[0, 0, 0, 0, 0, 0, 0, 0], "203.0.113.9", true),
            (&v6_32, "2001:db8::1", true),
            (&v6_32, "2001:db9::1", false),
            (&v6_32, "192.0.2.1", false),
        ];
        for (octets, addr, want) in cases {
            let constraint = IpConstraint::parse(octets).expect("valid constraint");
            let addr: IpAddr = addr.parse().expect("literal");
            assert_eq!(constraint.contains(&addr), want, "{addr}");
        }
    }

    #[test]
    fn malformed_constraints() {
        let bad: [&[u8]; 4] = [
            &[127, 0, 0, 1],
            &[],
            &[192, 0, 2, 0, 255, 0, 255, 0],
            &[192, 0, 2, 0, 255, 255, 255, 0, 0],
        ];
        for octets in bad {
            assert_eq!(IpConstraint::parse(octets), None, "{octets:?}");
        }
    }

    #[test]
    fn descriptions() {
        assert_eq!(
            describe_constraint(&[192, 0, 2, 0, 255, 255, 255, 0]),
            "192.0.2.0/24"
        );
        assert_eq!(
            describe_constraint(&[192, 0, 2, 0, 255, 0, 255, 0]),
            "192.0.2.0 with non-contiguous mask ff:00:ff:00"
        );
        assert_eq!(
            describe_constraint(&[127, 0, 0, 1]),
            "malformed (4 octets: 7f:00:00:01)"
        );
    }
}
