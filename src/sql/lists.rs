//! The lists the query looks answers up in ([`Dialect::value_of`]): each distinct one is a pair
//! of columns of the first stage, the same in every row, which the expressions name. DuckDB
//! takes long to plan each literal of a query, and a lookup written out in every cell's
//! expression made planning a large share of the query's time.

use super::{Column, Dialect};

/// The lists of one query, in the order first asked for.
#[derive(Debug, Default)]
pub(super) struct Lists {
    lists: Vec<List>,
}

#[derive(Debug)]
struct List {
    /// What a key is: names the columns `_{kind}s_N` and `_{kind}_values_N`.
    kind: &'static str,
    /// The keys, as SQL literals.
    keys: Vec<String>,
    /// Whether the keys are numbers (a list of doubles) rather than texts.
    numeric: bool,
    /// The value of each key, as SQL literals.
    values: Vec<String>,
}

impl Lists {
    /// The columns (keys, values) of the list of `keys` with `values`, added when new.
    pub fn add(
        &mut self,
        kind: &'static str,
        keys: Vec<String>,
        numeric: bool,
        values: Vec<String>,
    ) -> (String, String) {
        let index = match self
            .lists
            .iter()
            .position(|list| list.kind == kind && list.keys == keys && list.values == values)
        {
            Some(index) => index,
            None => {
                self.lists.push(List {
                    kind,
                    keys,
                    numeric,
                    values,
                });
                self.lists.len() - 1
            }
        };
        self.names(index)
    }

    /// The columns holding the lists: the keys, and the values after a NULL (the value of a
    /// text that is no key, see [`Dialect::value_of`]).
    pub fn columns(&self, dialect: Dialect) -> Vec<Column> {
        let mut columns = Vec::new();
        for (index, list) in self.lists.iter().enumerate() {
            let (keys, values) = self.names(index);
            let key_list = if list.numeric {
                dialect.number_list(&list.keys)
            } else {
                dialect.list(&list.keys)
            };
            columns.push(Column::new(key_list, keys));
            let mut numbers = vec!["NULL".to_owned()];
            numbers.extend(list.values.iter().cloned());
            columns.push(Column::new(dialect.number_list(&numbers), values));
        }
        columns
    }

    /// The column names of list `index`, numbered within its kind.
    fn names(&self, index: usize) -> (String, String) {
        let kind = self.lists[index].kind;
        let number = self.lists[..=index]
            .iter()
            .filter(|list| list.kind == kind)
            .count();
        (
            format!("_{kind}s_{number}"),
            format!("_{kind}_values_{number}"),
        )
    }
}
