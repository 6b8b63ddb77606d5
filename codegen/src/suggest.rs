//! "Did you mean …?" for misspelt names.

/// Names longer than this get no suggestion: nobody mistypes a 100-character name, and the distance is
/// quadratic in the length.
const MAX_LENGTH: usize = 64;

/// The candidate closest to `input`, when it is close enough to be a plausible typo.
///
/// Cheap whatever the input: long names are skipped, and so are candidates whose length alone rules them out.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = input.chars().count();
    if length > MAX_LENGTH {
        return None;
    }
    let threshold = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= threshold)
        .map(|candidate| (distance(&input.to_lowercase(), &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= threshold)
        .min()
        .map(|(_, candidate)| candidate)
}

/// A `did you mean` help text, when there is a close candidate.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(input, candidates).map(|candidate| format!("did you mean \"{candidate}\"?"))
}

/// Levenshtein distance over characters, counting a swap of neighbours as one edit.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let types = ["string", "integer", "number", "boolean", "date-time"];
        assert_eq!(closest("strnig", types), Some("string"));
        assert_eq!(closest("datetime", types), Some("date-time"));
        assert_eq!(closest("bool", types), None);
        assert_eq!(closest("xyz", types), None);
        assert_eq!(closest("Lsit", ["list", "get"]), Some("list"), "case is not a difference");
        assert_eq!(closest(&"x".repeat(10_000), types), None, "long names are not compared");
        assert_eq!(did_you_mean("integr", types).as_deref(), Some("did you mean \"integer\"?"));
    }
}
