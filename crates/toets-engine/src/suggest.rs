//! "Did you mean" suggestions.

/// The candidate closest to `name`, if one is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(name, c);
        if score >= 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let names = ["large_scale", "legal_effect", "profiling"];
        assert_eq!(
            did_you_mean("larg_scale", names.into_iter()),
            Some("large_scale")
        );
        assert_eq!(
            did_you_mean("profilng", names.into_iter()),
            Some("profiling")
        );
        assert_eq!(did_you_mean("camera", names.into_iter()), None);
    }

    #[test]
    fn the_closest_wins_and_ties_go_to_the_first_in_order() {
        // Both are one letter away; the better score wins whatever the order.
        let names = ["dpia.perfomed", "dpia.performed"];
        assert_eq!(
            did_you_mean("dpia.performd", names.into_iter()),
            Some("dpia.performed")
        );
        assert_eq!(
            did_you_mean("dpia.performd", names.into_iter().rev()),
            Some("dpia.performed")
        );
        // An exact tie goes to the alphabetically first candidate.
        let tied = ["role_b", "role_a"];
        assert_eq!(did_you_mean("role_c", tied.into_iter()), Some("role_a"));
        assert_eq!(
            did_you_mean("role_c", tied.into_iter().rev()),
            Some("role_a")
        );
        // Exactly at the threshold counts as close.
        let score = strsim::jaro_winkler("abcde", "abxyz");
        assert!(score < 0.8);
        assert_eq!(did_you_mean("abcde", ["abxyz"].into_iter()), None);
    }
}
