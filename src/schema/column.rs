//! How one Rust field type maps to one Arrow column: its `DataType`, whether
//! it may be null, and how a slice of values becomes an array and back.
//!
//! Every table row struct is made only of types that implement [`ColumnValue`],
//! so the Arrow schema of a table follows from its struct and cannot drift.

use std::sync::Arc;

use anyhow::{anyhow, bail, Result};
use arrow::array::{
    Array, ArrayRef, BooleanArray, BooleanBuilder, Date32Array, Date32Builder, Float64Array, Int32Array, Int32Builder,
    Int64Array, Int64Builder, ListArray, ListBuilder, StringArray, StringBuilder, TimestampMicrosecondArray,
    TimestampMicrosecondBuilder,
};
use arrow::datatypes::{DataType, Field, TimeUnit};
use chrono::{DateTime, NaiveDate, Utc};

/// Days from 0001-01-01 (CE day 1) to 1970-01-01, for Date32 conversion.
const UNIX_EPOCH_CE_DAYS: i32 = 719_163;

/// A UTC timestamp stored as Arrow `Timestamp(Microsecond, "UTC")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcMicros(pub i64);

impl UtcMicros {
    pub fn from_datetime(t: DateTime<Utc>) -> Self {
        UtcMicros(t.timestamp_micros())
    }
    pub fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.0).unwrap_or_default()
    }
}

pub fn date_to_days(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - UNIX_EPOCH_CE_DAYS
}

pub fn days_to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days + UNIX_EPOCH_CE_DAYS)
}

/// The bytes a value holds outside its struct (the text of a string), so
/// that writers can bound their buffers by size, not only by row count: a
/// row of `raw_documents` is a whole article, a row of `award_mentions` a
/// few words (issue 7: memory must not depend on how long the articles are).
pub trait HeapBytes {
    fn heap_bytes(&self) -> usize {
        0
    }
}

impl HeapBytes for String {
    fn heap_bytes(&self) -> usize {
        self.len()
    }
}

impl<T: HeapBytes> HeapBytes for Option<T> {
    fn heap_bytes(&self) -> usize {
        self.as_ref().map_or(0, HeapBytes::heap_bytes)
    }
}

impl<T: HeapBytes> HeapBytes for Vec<T> {
    fn heap_bytes(&self) -> usize {
        self.iter().map(|v| std::mem::size_of::<T>() + v.heap_bytes()).sum()
    }
}

impl HeapBytes for i64 {}
impl HeapBytes for i32 {}
impl HeapBytes for bool {}
impl HeapBytes for f64 {}
impl HeapBytes for NaiveDate {}
impl HeapBytes for UtcMicros {}

/// A Rust type that is stored as one Arrow column.
pub trait ColumnValue: Sized + HeapBytes {
    const NULLABLE: bool;
    fn data_type() -> DataType;
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef
    where
        Self: 'a;
    fn from_array(array: &dyn Array) -> Result<Vec<Self>>;
}

fn downcast<'a, T: 'static>(array: &'a dyn Array, what: &str) -> Result<&'a T> {
    array.as_any().downcast_ref::<T>().ok_or_else(|| anyhow!("column is {:?}, expected {what}", array.data_type()))
}

fn no_nulls<T>(values: Vec<Option<T>>) -> Result<Vec<T>> {
    values.into_iter().map(|v| v.ok_or_else(|| anyhow!("null in a non-nullable column"))).collect()
}

/// Implements the nullable and non-nullable forms of a scalar column type.
macro_rules! scalar_column {
    ($ty:ty, $dt:expr, $builder:ty, $array:ty, |$b:ident, $v:ident| $append:expr, |$a:ident, $i:ident| $read:expr) => {
        impl ColumnValue for Option<$ty> {
            const NULLABLE: bool = true;
            fn data_type() -> DataType {
                $dt
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                let mut $b = <$builder>::new();
                for value in values {
                    match value {
                        Some($v) => $append,
                        None => $b.append_null(),
                    }
                }
                Arc::new($b.finish())
            }
            fn from_array(array: &dyn Array) -> Result<Vec<Self>> {
                let $a = downcast::<$array>(array, stringify!($array))?;
                Ok((0..$a.len()).map(|$i| if $a.is_null($i) { None } else { Some($read) }).collect())
            }
        }
        impl ColumnValue for $ty {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                $dt
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                let mut $b = <$builder>::new();
                for $v in values {
                    $append;
                }
                Arc::new($b.finish())
            }
            fn from_array(array: &dyn Array) -> Result<Vec<Self>> {
                no_nulls(<Option<$ty>>::from_array(array)?)
            }
        }
    };
}

scalar_column!(String, DataType::Utf8, StringBuilder, StringArray, |b, v| b.append_value(v), |a, i| a
    .value(i)
    .to_string());
scalar_column!(i64, DataType::Int64, Int64Builder, Int64Array, |b, v| b.append_value(*v), |a, i| a.value(i));
scalar_column!(i32, DataType::Int32, Int32Builder, Int32Array, |b, v| b.append_value(*v), |a, i| a.value(i));
scalar_column!(bool, DataType::Boolean, BooleanBuilder, BooleanArray, |b, v| b.append_value(*v), |a, i| a.value(i));
scalar_column!(
    NaiveDate,
    DataType::Date32,
    Date32Builder,
    Date32Array,
    |b, v| b.append_value(date_to_days(*v)),
    |a, i| days_to_date(a.value(i)).unwrap_or_default()
);

impl ColumnValue for f64 {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Float64
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(Float64Array::from_iter_values(values.copied()))
    }
    fn from_array(array: &dyn Array) -> Result<Vec<Self>> {
        let a = downcast::<Float64Array>(array, "Float64")?;
        if a.null_count() > 0 {
            bail!("null in a non-nullable column");
        }
        Ok(a.values().to_vec())
    }
}

impl ColumnValue for UtcMicros {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        let mut b = TimestampMicrosecondBuilder::new().with_timezone("UTC");
        for v in values {
            b.append_value(v.0);
        }
        Arc::new(b.finish())
    }
    fn from_array(array: &dyn Array) -> Result<Vec<Self>> {
        let a = downcast::<TimestampMicrosecondArray>(array, "Timestamp(us, UTC)")?;
        Ok((0..a.len()).map(|i| UtcMicros(a.value(i))).collect())
    }
}

/// Implements a list column (`List<item>`, never null, items never null).
macro_rules! list_column {
    ($item:ty, $item_dt:expr, $builder:ty, $array:ty, |$b:ident, $v:ident| $append:expr, |$a:ident, $i:ident| $read:expr) => {
        impl ColumnValue for Vec<$item> {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                DataType::List(Arc::new(Field::new("item", $item_dt, false)))
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                let mut list =
                    ListBuilder::new(<$builder>::new()).with_field(Arc::new(Field::new("item", $item_dt, false)));
                for items in values {
                    let $b = list.values();
                    for $v in items {
                        $append;
                    }
                    list.append(true);
                }
                Arc::new(list.finish())
            }
            fn from_array(array: &dyn Array) -> Result<Vec<Self>> {
                let lists = downcast::<ListArray>(array, "List")?;
                let mut out = Vec::with_capacity(lists.len());
                for row in 0..lists.len() {
                    let inner = lists.value(row);
                    let $a = downcast::<$array>(inner.as_ref(), stringify!($array))?;
                    out.push((0..$a.len()).map(|$i| $read).collect());
                }
                Ok(out)
            }
        }
    };
}

list_column!(String, DataType::Utf8, StringBuilder, StringArray, |b, v| b.append_value(v), |a, i| a
    .value(i)
    .to_string());
list_column!(i64, DataType::Int64, Int64Builder, Int64Array, |b, v| b.append_value(*v), |a, i| a.value(i));
list_column!(i32, DataType::Int32, Int32Builder, Int32Array, |b, v| b.append_value(*v), |a, i| a.value(i));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_bytes_count_text_not_numbers() {
        assert_eq!("가람".to_string().heap_bytes(), 6);
        assert_eq!(Some("ab".to_string()).heap_bytes(), 2);
        assert_eq!(None::<String>.heap_bytes(), 0);
        assert_eq!(vec!["ab".to_string()].heap_bytes(), std::mem::size_of::<String>() + 2);
        assert_eq!(7i64.heap_bytes() + UtcMicros(1).heap_bytes(), 0);
    }

    #[test]
    fn date32_round_trips_and_epoch_is_zero() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(date_to_days(epoch), 0);
        let d = NaiveDate::from_ymd_opt(2023, 12, 15).unwrap();
        assert_eq!(days_to_date(date_to_days(d)), Some(d));
    }

    #[test]
    fn nullable_strings_round_trip() {
        let values = vec![Some("가".to_string()), None, Some(String::new())];
        let array = <Option<String>>::to_array(values.iter());
        assert_eq!(array.null_count(), 1);
        assert_eq!(<Option<String>>::from_array(array.as_ref()).unwrap(), values);
    }

    #[test]
    fn non_nullable_column_rejects_null() {
        let array = <Option<i64>>::to_array([Some(1), None].iter());
        assert!(<i64>::from_array(array.as_ref()).is_err());
    }

    #[test]
    fn lists_round_trip() {
        let values: Vec<Vec<String>> = vec![vec!["a".into(), "b".into()], vec![]];
        let array = <Vec<String>>::to_array(values.iter());
        assert_eq!(<Vec<String>>::from_array(array.as_ref()).unwrap(), values);
    }
}
