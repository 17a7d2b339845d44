package dev.scheduling.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The CloudFormation templates of this module. */
final class Templates {

    static final Path DIRECTORY = Path.of("templates");

    private Templates() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> templates = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            if (templates.size() < 2) {
                throw new IllegalStateException("expected the core and the service template in " + DIRECTORY.toAbsolutePath());
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
