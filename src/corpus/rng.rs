//! A small deterministic random number generator (SplitMix64).
//!
//! Hand-written on purpose: the corpus must be byte-identical for the same
//! seed across machines, thread counts and dependency upgrades, and general
//! RNG crates do not promise a stable stream across their versions. Every
//! document gets its own stream derived from (seed, purpose, index), so
//! documents can be generated in parallel in any order.

/// SplitMix64 state.
#[derive(Debug, Clone)]
pub struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for one (purpose, index) pair under a seed.
    pub fn derive(seed: u64, purpose: u64, index: u64) -> Self {
        Rng(mix(mix(seed).wrapping_add(mix(purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct indices out of `0..n`, in drawing order.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_stable_and_independent() {
        // Pinned values: a change here changes every generated corpus.
        let mut a = Rng::derive(42, 1, 7);
        let first = a.next_u64();
        assert_eq!(first, Rng::derive(42, 1, 7).next_u64());
        assert_ne!(first, Rng::derive(42, 1, 8).next_u64());
        assert_ne!(first, Rng::derive(43, 1, 7).next_u64());
        let mut r = Rng::derive(1, 0, 0);
        for _ in 0..1000 {
            assert!(r.below(3) < 3);
            let v = r.range(-2, 2);
            assert!((-2..=2).contains(&v));
        }
        let d = r.distinct(10, 4);
        let mut s = d.clone();
        s.sort();
        s.dedup();
        assert_eq!(s.len(), 4);
    }
}
