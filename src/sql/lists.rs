//! The lists the query looks answers up in ([`Dialect::value_of`]): each distinct one is a pair
//! of columns of the first stage, the same in every row, which the expressions name. DuckDB
//! takes long to plan each literal of a query, and a lookup written out in every cell's
//! expression made planning a large share of the query's time.

use super::{Column, Dialect};

/// What a list's keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListKind {
    /// An item's labels, case-folded: texts.
    Label,
    /// An item's whole numbers: doubles.
    Number,
}

impl ListKind {
    /// Names the columns `_{name}s_N` and `_{name}_values_N`.
    fn name(self) -> &'static str {
        match self {
            ListKind::Label => "label",
            ListKind::Number => "number",
        }
    }
}

/// The lists of one query, in the order first asked for.
#[derive(Debug, Default)]
pub(super) struct Lists {
    lists: Vec<List>,
}

#[derive(Debug)]
struct List {
    /// What the keys are: texts or numbers.
    kind: ListKind,
    /// The keys, as SQL literals.
    keys: Vec<String>,
    /// The value of each key, as SQL literals.
    values: Vec<String>,
}

impl Lists {
    /// The columns (keys, values) of the list of `keys` with `values`, added when new.
    pub fn add(
        &mut self,
        kind: ListKind,
        keys: Vec<String>,
        values: Vec<String>,
    ) -> (String, String) {
        let index = match self
            .lists
            .iter()
            .position(|list| list.kind == kind && list.keys == keys && list.values == values)
        {
            Some(index) => index,
            None => {
                self.lists.push(List { kind, keys, values });
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
            let key_list = match list.kind {
                ListKind::Number => dialect.number_list(&list.keys),
                ListKind::Label => dialect.list(&list.keys),
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
        let name = kind.name();
        (
            format!("_{name}s_{number}"),
            format!("_{name}_values_{number}"),
        )
    }
}
