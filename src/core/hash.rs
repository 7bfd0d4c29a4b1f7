//! FNV-1a, the crate's one hash: the consent cookie's checksum (32 bits), the cached policy's key
//! and a receipt's config fingerprint (64 bits). Not cryptographic: each only detects a change or
//! a typo, never an attacker (the cookie is the visitor's own).

/// The 64-bit offset basis.
pub const OFFSET_64: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds `bytes` into a 64-bit FNV-1a state `h` (start from [`OFFSET_64`]). `const`: the
/// built-in texts files are fingerprinted when compiling.
pub const fn fnv1a_64_from(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// 64-bit FNV-1a.
pub const fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a_64_from(OFFSET_64, bytes)
}

/// 32-bit FNV-1a: the consent cookie's checksum, short enough for a cookie.
pub fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The reference values of the FNV specification's test suite.
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a_64_from(fnv1a_64(b"fo"), b"o"), fnv1a_64(b"foo"));
    }
}
