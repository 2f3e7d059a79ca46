//! The CSR quiz (C5): which answer was chosen, and whether it is the right one.

/// The option an answer designates (0-based), if the quiz has it.
pub fn choice(answer: i64, options: usize) -> Option<usize> {
    usize::try_from(answer).ok().filter(|&i| i < options)
}

/// Whether the chosen option is the quiz's answer.
pub fn is_right(chosen: usize, answer: usize) -> bool {
    chosen == answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_one_of_the_options_and_right_or_not() {
        assert_eq!(choice(0, 3), Some(0));
        assert_eq!(choice(2, 3), Some(2));
        assert_eq!(choice(3, 3), None);
        assert_eq!(choice(-1, 3), None);
        assert!(is_right(1, 1));
        assert!(!is_right(0, 1));
    }
}
