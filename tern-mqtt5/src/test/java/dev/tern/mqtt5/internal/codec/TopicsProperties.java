package dev.tern.mqtt5.internal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching, checked against filters derived from random topic names. */
class TopicsProperties {

    @Property(tries = 500)
    void aFilterBuiltFromATopicByWildcardingLevelsMatchesIt(@ForAll("topics") String topic,
            @ForAll("masks") List<Integer> mask) {
        String[] levels = topic.split("/", -1);
        List<String> filter = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            int m = mask.get(i % mask.size());
            if (m == 2) {
                filter.add("#");
                break;
            }
            filter.add(m == 1 ? "+" : levels[i]);
        }
        String f = String.join("/", filter);
        boolean dollar = topic.startsWith("$") && (f.startsWith("+") || f.startsWith("#"));
        assertThat(Topics.matches(f, topic)).isEqualTo(!dollar);
        assertThat(Topics.matches("$share/group/" + f, topic)).isEqualTo(!dollar);
    }

    @Property(tries = 500)
    void aTopicWithOneLevelChangedDoesNotMatchTheLiteralFilter(@ForAll("topics") String topic,
            @ForAll("levelIndex") int index) {
        String[] levels = topic.split("/", -1);
        int i = index % levels.length;
        levels[i] = levels[i] + "x";
        assertThat(Topics.matches(topic, String.join("/", levels))).isFalse();
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.strings().withChars("ab$ /").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<Integer>> masks() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> levelIndex() {
        return Arbitraries.integers().between(0, 20);
    }
}
