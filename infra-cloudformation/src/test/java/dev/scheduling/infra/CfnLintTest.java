package dev.scheduling.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** cfn-lint (1.51.0 on these machines) finds no error and no warning in any template. */
class CfnLintTest {

    @Test
    void every_template_passes_cfn_lint_without_errors_or_warnings() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        Templates.all().stream().map(Path::toString).forEach(command::add);
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();

        assertThat(findings).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
