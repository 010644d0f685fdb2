//! The names the report gives the waves and the groups: the study file's labels
//! (`pre = { file = "…", label = "干预前" }`, `[data] labels`, `[groups] labels`), else in a
//! Chinese report the usual Chinese words for the usual values (pre → 前测, control → 对照组),
//! else the values as the data write them. Results, CSVs and `results.json` keep the values.

use super::Lang;

/// The labels of a study's waves and groups, as written in its file.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// (wave, label).
    pub waves: Vec<(String, String)>,
    /// (group value, label).
    pub groups: Vec<(String, String)>,
}

/// Chinese names of the usual wave names.
const WAVES_ZH: [(&str, &str); 8] = [
    ("pre", "前测"),
    ("post", "后测"),
    ("followup", "随访"),
    ("follow-up", "随访"),
    ("follow_up", "随访"),
    ("baseline", "基线"),
    ("pretest", "前测"),
    ("posttest", "后测"),
];

/// Chinese names of the usual group values.
const GROUPS_ZH: [(&str, &str); 2] = [("intervention", "干预组"), ("control", "对照组")];

impl Names {
    /// The name of wave `wave` in a report in `lang`.
    pub fn wave(&self, wave: &str, lang: Lang) -> String {
        pick(&self.waves, &WAVES_ZH, wave, lang)
    }

    /// The name of group `group` in a report in `lang`.
    pub fn group(&self, group: &str, lang: Lang) -> String {
        pick(&self.groups, &GROUPS_ZH, group, lang)
    }

    /// In Chinese, "X组" for group `group` without doubling a 组 that its name already ends
    /// with (干预组, not 干预组组); in English the name.
    pub fn group_zu(&self, group: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => zu(&self.group(group, lang)),
            Lang::En => self.group(group, lang),
        }
    }
}

/// "X组" for a group named X, or X itself when it already ends with 组 (干预组, not 干预组组).
pub fn zu(name: &str) -> String {
    if name.ends_with('组') {
        name.to_owned()
    } else {
        format!("{name}组")
    }
}

fn pick(labels: &[(String, String)], zh: &[(&str, &str)], value: &str, lang: Lang) -> String {
    if let Some((_, label)) = labels.iter().find(|(v, _)| v == value) {
        return label.clone();
    }
    match lang {
        Lang::Zh => zh
            .iter()
            .find(|(v, _)| v.eq_ignore_ascii_case(value))
            .map_or_else(|| value.to_owned(), |(_, name)| (*name).to_owned()),
        Lang::En => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_then_chinese_defaults_then_the_value() {
        let names = Names {
            waves: vec![("pre".to_owned(), "干预前".to_owned())],
            groups: vec![("g1".to_owned(), "小组工作".to_owned())],
        };
        assert_eq!(names.wave("pre", Lang::Zh), "干预前");
        assert_eq!(names.wave("pre", Lang::En), "干预前");
        assert_eq!(names.wave("post", Lang::Zh), "后测");
        assert_eq!(names.wave("Followup", Lang::Zh), "随访");
        assert_eq!(names.wave("post", Lang::En), "post");
        assert_eq!(names.wave("T3", Lang::Zh), "T3");
        assert_eq!(names.group_zu("control", Lang::Zh), "对照组");
        assert_eq!(names.group_zu("g1", Lang::Zh), "小组工作组");
        assert_eq!(names.group_zu("case", Lang::Zh), "case组");
        assert_eq!(names.group_zu("control", Lang::En), "control");
    }
}
