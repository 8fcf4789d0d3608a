package io.scission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scission.model.BlockLayout;
import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.ProfileSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random mutations of valid query strings, profile files and network files: every outcome is an answer or one
 * clear error (the documented exception type, a message naming the input, no library internals), never a crash.
 */
class FuzzTest {

    /** Words that a user-facing message must not contain: they come from a library's or the JDK's internals. */
    private static final List<String> INTERNALS = List.of("Exception", "java.", "com.fasterxml", "Jackson", "`",
            "For input string", "StreamReadConstraints", "JsonReadFeature", "null\n", "\tat ");

    private static final String[] TOKENS = {"(", ")", ".", ",", "\"", "-", "e", "E", "9", "0", " ", "B", "MB",
        "KiB", "ms", "s", "\\", "tier(\"x\", 5)", "EDGE", "top(", "1e400", "9223372036854775808", "NaN", "-0",
        "2147483648", "\u00e9", "mustUse(", "%", "0x10", "1e-400"};

    private static final String[] JSON_VALUES = {"1e400", "-1", "9223372036854775807", "9223372036854775808",
        "1125899906842625", "NaN", "Infinity", "\"x\"", "null", "true", "[]", "{}", "0.0", "1e-400",
        "123456789012345678901234567890", "-0", "2147483648", "\"\"", "[[[[[[[[[[1]]]]]]]]]]", "\"\\u0000\""};

    static LongStream seeds() {
        return Seeds.range(0, 40);
    }

    private static final BlockLayout LAYOUT = Fixtures.layout("m", new int[] {2, 1, 2}, new long[] {1000, 200, 8},
            150_000);
    private static final ProfileSet PROFILES = Fixtures.profiles(LAYOUT, List.of(Resource.of("pi", Tier.DEVICE),
            Resource.of("edge1", Tier.EDGE), Resource.of("gpu", Tier.CLOUD)), new double[][] {{0.5, 0.2, 0.4},
                {0.1, 0.05, 0.1}, {0.01, 0.01, 0.01}});
    private static final Network NETWORK = Network.preset(NetworkPreset.FOUR_G);

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_answer_or_fail_clearly_when_query_text_is_mutated(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String valid = SearchEquivalenceTest.randomCase(rnd, false).query().toParsableString()
                + ".maxTransfer(EDGE, \"gpu\", 1.5MB).deadline(250ms).minimize(weighted(1, 0.5))";
        for (int i = 0; i < 60; i++) {
            // GIVEN
            String text = mutate(valid, rnd, TOKENS);
            // WHEN
            Object outcome = outcome(() -> Query.parse(text));
            // THEN
            if (outcome instanceof Query q) {
                assertThat(Query.parse(q.toParsableString())).as(text).isEqualTo(q);
                Object solved = outcome(() -> q.solve(PROFILES, NETWORK));
                assertThat(solved).as(text).isInstanceOfAny(QueryResult.class, IllegalArgumentException.class);
            } else {
                assertThat(outcome).as(text).isInstanceOfAny(IllegalArgumentException.class,
                        IllegalStateException.class);
                assertClear((Throwable) outcome, text);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_read_or_name_the_file_when_a_profile_is_mutated(long seed) {
        String valid = ProfileFiles.toJson(PROFILES.profile("pi").orElseThrow());
        readOrNameTheFile(new SplittableRandom(seed), valid, "pi.json", text -> ProfileFiles.read("pi.json",
                stream(text)), p -> Scission.query().solve(PROFILES.with((Profile) p), NETWORK));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_read_or_name_the_file_when_a_network_is_mutated(long seed) {
        String valid = NetworkFiles.toJson(NETWORK.toBuilder().link("pi", "gpu", java.time.Duration.ofMillis(5),
                io.scission.platform.DataRate.mbps(30)).build());
        readOrNameTheFile(new SplittableRandom(seed), valid, "net.json", text -> NetworkFiles.read("net.json",
                stream(text)), n -> Scission.query().solve(PROFILES, (Network) n));
    }

    /** Reads 40 mutations of a valid file: each is read and then solves, or fails with one clear file error. */
    private static void readOrNameTheFile(SplittableRandom rnd, String valid, String name,
            Function<String, Object> read, Function<Object, QueryResult> solve) {
        for (int i = 0; i < 40; i++) {
            // GIVEN
            String text = rnd.nextBoolean() ? mutate(valid, rnd, TOKENS) : mutateJson(valid, rnd);
            // WHEN
            Object outcome = outcome(() -> read.apply(text));
            // THEN
            if (outcome instanceof Throwable e) {
                assertThat(e).as(text).isInstanceOf(InvalidFileException.class);
                assertThat(e.getMessage()).as(text).startsWith(name);
                assertClear(e, text);
            } else {
                Object solved = outcome(() -> solve.apply(outcome));
                assertThat(solved).as(text).isInstanceOfAny(QueryResult.class, IllegalArgumentException.class);
                if (solved instanceof Throwable t) {
                    assertClear(t, text);
                }
            }
        }
    }

    @Test
    void should_refuse_a_profile_file_over_32_mib_before_reading_it(@TempDir Path dir) throws IOException {
        // GIVEN a sparse 40 MiB file
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(40L << 20);
        }
        // WHEN
        Throwable e = catchThrowable(() -> Scission.readProfile(big));
        // THEN
        assertThat(e).isInstanceOf(InvalidFileException.class).hasMessageContaining(big.toString())
                .hasMessageContaining("is 41943040 bytes, more than the 33554432 bytes (32 MiB)");
    }

    @Test
    void should_stop_reading_a_stream_after_32_mib() {
        // GIVEN an endless array of samples, generated as it is read
        InputStream endless = new InputStream() {
            private long position;

            @Override
            public int read() {
                String head = "{\"samples\": [";
                int at = (int) Math.min(position++, Integer.MAX_VALUE);
                return at < head.length() ? head.charAt(at) : ((at - head.length()) % 2 == 0 ? '1' : ',');
            }
        };
        // WHEN
        Throwable e = catchThrowable(() -> ProfileFiles.read("endless.json", endless));
        // THEN
        assertThat(e).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("endless.json: holds more than the 33554432 bytes (32 MiB)");
    }

    private static Object outcome(java.util.function.Supplier<Object> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void assertClear(Throwable e, String input) {
        String message = e.getMessage();
        assertThat(message).as("the message for %s", input).isNotBlank();
        assertThat(message.lines().count()).as(message).isLessThanOrEqualTo(3);
        for (String word : INTERNALS) {
            assertThat(message).as("internals in the message for %s", input).doesNotContain(word);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One to three character-level edits: delete, insert a token, duplicate or swap a span. */
    static String mutate(String text, SplittableRandom rnd, String[] tokens) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            int end = Math.min(sb.length(), at + 1 + rnd.nextInt(8));
            switch (rnd.nextInt(4)) {
                case 0:
                    sb.delete(at, end);
                    break;
                case 1:
                    sb.insert(at, tokens[rnd.nextInt(tokens.length)]);
                    break;
                case 2:
                    sb.insert(at, sb.substring(at, end));
                    break;
                default:
                    sb.replace(at, end, tokens[rnd.nextInt(tokens.length)]);
                    break;
            }
        }
        return sb.toString();
    }

    /** Replaces one JSON value (a number, string, array or object start) with an extreme or wrong one. */
    static String mutateJson(String json, SplittableRandom rnd) {
        int colon = -1;
        for (int tries = 0; tries < 20 && colon < 0; tries++) {
            int at = json.indexOf(':', rnd.nextInt(json.length()));
            colon = at;
        }
        if (colon < 0) {
            return json;
        }
        int start = colon + 1;
        int end = start;
        int depth = 0;
        while (end < json.length()) {
            char c = json.charAt(end);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        String value = JSON_VALUES[rnd.nextInt(JSON_VALUES.length)];
        return json.substring(0, start) + " " + value + json.substring(end);
    }
}
