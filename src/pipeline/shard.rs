//! Shards of a run's inputs: which inputs one map reads.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

use crate::io::input::{Discovery, Found};

/// Which of the inputs (in discovery order) a map reads: those whose
/// position modulo `count` is `index` (round robin, so that shards are
/// alike in size, and each knows its files' place in the whole input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// All the inputs: the one shard of a run on one machine.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    pub fn new(index: u32, count: u32) -> Result<Shard> {
        if count == 0 || index >= count {
            bail!("shard {index} of {count} does not exist: shards are numbered 0 to count - 1");
        }
        Ok(Shard { index, count })
    }

    /// Whether the input at `position` (in discovery order) is this shard's.
    pub fn owns(self, position: u64) -> bool {
        position % u64::from(self.count) == u64::from(self.index)
    }

    /// The name of the shard's file in each batch partition.
    pub fn part_name(self) -> String {
        format!("part-{:05}.parquet", self.index)
    }
}

/// The inputs of a shard, each with its position in the whole input.
pub struct ShardInputs {
    found: Discovery,
    shard: Shard,
    position: u64,
}

impl ShardInputs {
    pub fn new(found: Discovery, shard: Shard) -> Self {
        ShardInputs { found, shard, position: 0 }
    }
}

impl Iterator for ShardInputs {
    type Item = (u64, Found);

    fn next(&mut self) -> Option<(u64, Found)> {
        loop {
            let found = self.found.next()?;
            let position = self.position;
            self.position += 1;
            if self.shard.owns(position) {
                return Some((position, found));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_the_inputs_round_robin_and_together_cover_them() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..7 {
            std::fs::write(dir.path().join(format!("{i}.txt")), "x").unwrap();
        }
        let inputs = [dir.path().to_string_lossy().into_owned()];
        let positions = |shard: Shard| -> Vec<u64> {
            ShardInputs::new(Discovery::new(&inputs).unwrap(), shard).map(|(p, _)| p).collect()
        };
        assert_eq!(positions(Shard::WHOLE), (0..7).collect::<Vec<_>>());
        assert_eq!(positions(Shard::new(0, 3).unwrap()), [0, 3, 6]);
        assert_eq!(positions(Shard::new(2, 3).unwrap()), [2, 5]);
        assert!(Shard::new(3, 3).is_err() && Shard::new(0, 0).is_err());
        assert_eq!(Shard::new(2, 3).unwrap().part_name(), "part-00002.parquet");
    }
}
