package dev.scheduling.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service stack runs the JVM with the settings of scheduling-app/jvm.options, their one home. */
class ServiceJvmOptionsTest {

    private static final Path JVM_OPTIONS = Path.of("..", "scheduling-app", "jvm.options");

    @Test
    void the_container_gets_the_jvm_options_of_the_service() throws IOException {
        JsonNode template = new YAMLMapper().readTree(Templates.DIRECTORY.resolve("scheduling-service.yaml").toFile());
        List<String> fromTemplate = new ArrayList<>();
        for (JsonNode variable : template.path("Resources").path("TaskDefinition").path("Properties")
                                         .path("ContainerDefinitions").path(0).path("Environment")) {
            if (variable.path("Name").asText().equals("JDK_JAVA_OPTIONS")) {
                fromTemplate.addAll(List.of(variable.path("Value").asText().trim().split("\\s+")));
            }
        }

        assertThat(fromTemplate).isNotEmpty().isEqualTo(options(JVM_OPTIONS));
    }

    /** The options of a java launcher argument file: blank lines and # comments left out. */
    private static List<String> options(Path file) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            for (String option : text.trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    options.add(option);
                }
            }
        }
        return options;
    }
}
