package dev.drover.app.palette;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FuzzyMatchTest {

    @Test
    void letters_in_order_match_and_word_starts_score_higher() {
        // when / then
        assertThat(FuzzyMatch.score("pew", "prod-eu-west")).isNotEqualTo(FuzzyMatch.NO_MATCH);
        assertThat(FuzzyMatch.score("wep", "prod-eu-west")).isEqualTo(FuzzyMatch.NO_MATCH);
        assertThat(FuzzyMatch.score("west", "prod-eu-west")).isGreaterThan(FuzzyMatch.score("pst", "prod-eu-west"));
        assertThat(FuzzyMatch.score("work", "Workloads")).isGreaterThan(FuzzyMatch.score("work", "homework-cluster"));
        assertThat(FuzzyMatch.score("", "anything")).isZero();
    }
}
