package io.scission.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.PlanMap;
import io.scission.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Runs every benchmark method once, without JMH and without timing, for every value of its {@code @Param}s: the
 * states are built as JMH would build them (their {@code @Setup} checks that branch and bound agrees with the
 * exhaustive reference and that the query has the documented number of plans), and each method must return a
 * result. The exhaustive reference takes seconds at the benchmarked reference sizes, so this test runs it at
 * {@link #OVERRIDES} instead.
 */
class BenchmarksSmokeTest {

    /** {@code @Param} values replaced in this test, by field name. */
    private static final Map<String, String> OVERRIDES = Map.of("referenceBlocks", "8");

    /** Built states, by class and parameter values, so that each {@code @Setup} runs once. */
    private static final Map<List<Object>, Object> STATES = new HashMap<>();

    private static final List<Class<?>> BENCHMARKS = List.of(PaperScaleBenchmark.class, StressScaleBenchmark.class,
            ReplanBenchmark.class, PlanMapBenchmark.class, FinerCutsBenchmark.class);

    static Stream<Arguments> invocations() {
        List<Arguments> all = new ArrayList<>();
        for (Class<?> type : BENCHMARKS) {
            Method[] methods = type.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                List<Class<?>> states = new ArrayList<>();
                if (type.isAnnotationPresent(State.class)) {
                    states.add(type);
                }
                states.addAll(List.of(method.getParameterTypes()));
                for (Map<Field, String> params : combinations(states)) {
                    all.add(Arguments.of(type.getSimpleName() + "." + method.getName(), describe(params), method,
                            params));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invocations")
    void should_return_result_when_benchmark_method_runs_once(String name, String params, Method method,
            Map<Field, String> values) throws Exception {
        // GIVEN
        Class<?> type = method.getDeclaringClass();
        Object benchmark = type.isAnnotationPresent(State.class) ? state(type, values)
                : type.getConstructor().newInstance();
        Class<?>[] parameterTypes = method.getParameterTypes();
        Object[] arguments = new Object[parameterTypes.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = state(parameterTypes[i], values);
        }
        // WHEN
        Object result = method.invoke(benchmark, arguments);
        // THEN
        assertThat(result).as("%s %s", name, params).isInstanceOfAny(QueryResult.class, PlanMap.class, List.class);
    }

    @Test
    void should_cover_every_benchmark_class_when_jmh_lists_them() throws IOException {
        // GIVEN the list the JMH annotation processor generated
        String list;
        try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // WHEN
        TreeSet<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("io\\.scission\\.jmh\\.(\\w+Benchmark)").matcher(list);
        while (m.find()) {
            listed.add(m.group(1));
        }
        // THEN
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                BENCHMARKS.stream().map(Class::getSimpleName).toList());
    }

    /** Every combination of the declared values of the states' {@code @Param} fields. */
    private static List<Map<Field, String>> combinations(List<Class<?>> states) {
        List<Map<Field, String>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Class<?> state : states) {
            for (Field field : state.getFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param == null) {
                    continue;
                }
                List<Map<Field, String>> next = new ArrayList<>();
                for (Map<Field, String> partial : result) {
                    String[] values = OVERRIDES.containsKey(field.getName())
                            ? new String[] {OVERRIDES.get(field.getName())} : param.value();
                    for (String value : values) {
                        Map<Field, String> more = new LinkedHashMap<>(partial);
                        more.put(field, value);
                        next.add(more);
                    }
                }
                result = next;
            }
        }
        return result;
    }

    private static String describe(Map<Field, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((field, value) -> parts.add(field.getName() + "=" + value));
        return String.join(", ", parts);
    }

    /** Builds a state as JMH does: public no-argument constructor, {@code @Param} fields, then {@code @Setup}. */
    private static Object state(Class<?> type, Map<Field, String> values) throws Exception {
        Map<Field, String> own = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (field.getDeclaringClass() == type) {
                own.put(field, value);
            }
        });
        List<Object> key = List.of(type, own);
        Object cached = STATES.get(key);
        if (cached != null) {
            return cached;
        }
        Object state = type.getConstructor().newInstance();
        for (Map.Entry<Field, String> e : own.entrySet()) {
            Field field = e.getKey();
            field.set(state, field.getType() == int.class ? Integer.valueOf(e.getValue()) : e.getValue());
        }
        for (Method setup : type.getMethods()) {
            if (setup.isAnnotationPresent(Setup.class)) {
                setup.invoke(state);
            }
        }
        STATES.put(key, state);
        return state;
    }
}
