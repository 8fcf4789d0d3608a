package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmOptionsTest {

    @Test
    void should_pass_on_sizing_and_properties_but_not_agents_or_logs_when_inheriting() {
        // GIVEN
        List<String> parent = List.of("-Xmx2g", "-Xss4m", "-XX:MaxRAMPercentage=50",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:apm.jar",
                "-Xlog:gc:file=gc.log", "-XX:StartFlightRecording=filename=rec.jfr",
                "-Dorg.bytedeco.javacpp.cachedir=/tmp/jc", "-Djdk.module.addmods=x", "-ea");

        // WHEN
        List<String> child = ChildJvmOptions.inherited(parent);

        // THEN
        assertThat(child).containsExactly("-Xmx2g", "-Xss4m", "-XX:MaxRAMPercentage=50",
                "-Dorg.bytedeco.javacpp.cachedir=/tmp/jc");
    }

    @Test
    void should_fail_naming_the_variable_when_its_name_holds_an_equals_sign() {
        assertThatThrownBy(() -> ChildJvmOptions.defaults().withEnvironment("A=B", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(A=B)");
    }
}
