package dev.tern.mqtt5.internal.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic name and filter rules and matching, with the examples of MQTT 5.0 section 4.7. */
class TopicsTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        // 4.7.1.2: multi-level wildcard
        "sport/tennis/player1/#, sport/tennis/player1, true",
        "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
        "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
        "sport/#, sport, true",
        "#, sport/tennis, true",
        "#, /, true",
        // 4.7.1.3: single-level wildcard
        "sport/tennis/+, sport/tennis/player1, true",
        "sport/tennis/+, sport/tennis/player2, true",
        "sport/tennis/+, sport/tennis/player1/ranking, false",
        "sport/+, sport, false",
        "sport/+, sport/, true",
        "+/+, /finance, true",
        "/+, /finance, true",
        "+, /finance, false",
        "+/tennis/#, sport/tennis/player1, true",
        // 4.7.2: $-topics are not matched by filters starting with a wildcard
        "#, $SYS/broker, false",
        "+/monitor/Clients, $SYS/monitor/Clients, false",
        "$SYS/#, $SYS/monitor/Clients, true",
        "$SYS/monitor/+, $SYS/monitor/Clients, true",
        // exact, empty levels, case
        "a/b, a/b, true",
        "a/b, a/B, false",
        "a/b, a/b/, false",
        "a//b, a//b, true",
        "a/+/b, a//b, true",
        "a/b/#, a/b, true",
        "a/b/#, a/bc, false",
        "a/b, a, false",
        "a, a/b, false",
        // shared subscriptions match with their filter part
        "$share/g/sport/+, sport/tennis, true",
        "$share/g/#, a/b, true",
        "$share/g/a, $share/g/a, false",
    })
    void matchesAsTheSpecificationSays(String filter, String topic, boolean matches) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/", "//", "a//#", "$share/g/a/#", "$share/g/+",
            "$SYS/#", "a b/c"})
    void validFiltersAreAccepted(String filter) {
        assertThat(Topics.topicFilterProblem(filter)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#", "a/#/b", "#/a", "a+", "a/+b", "+a/b", "##", "$share/g", "$share/g/",
            "$share//a", "$share/g+/a", "$share/#/a"})
    void invalidFiltersAreRejectedWithAReason(String filter) {
        assertThat(Topics.topicFilterProblem(filter)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/", "a/b", "$SYS/x", "a b", "\u00fc/\u20ac"})
    void validTopicNamesAreAccepted(String topic) {
        assertThat(Topics.topicNameProblem(topic)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "#", "a/#", "+"})
    void topicNamesWithWildcardsOrEmptyAreRejected(String topic) {
        assertThat(Topics.topicNameProblem(topic)).isNotNull();
    }
}
