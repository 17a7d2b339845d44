package dev.scheduling.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.RestController;
import dev.scheduling.projections.appointments.AppointmentTable;

import javax.sql.DataSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries, held by tests: dependencies point inward, the domain stays plain. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                         .importPackages("dev.scheduling");
    }

    @Test
    void the_domain_depends_on_neither_spring_nor_aws() {
        noClasses().that().resideInAPackage("dev.scheduling.domain..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           "org.springframework..", "org.axonframework.spring..", "software.amazon..",
                           "com.amazonaws..")
                   .check(classes);
    }

    @Test
    void the_domain_knows_no_web_storage_or_serialization_technology() {
        noClasses().that().resideInAPackage("dev.scheduling.domain..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           "jakarta..", "javax.sql..", "java.sql..", "com.fasterxml.jackson..", "org.postgresql..")
                   .check(classes);
    }

    @Test
    void the_projections_depend_on_no_spring_and_only_on_the_domain() {
        noClasses().that().resideInAPackage("dev.scheduling.projections..")
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                           "org.axonframework.spring..", "dev.scheduling.app..")
                   .check(classes);
    }

    @Test
    void the_reminder_saga_depends_on_no_spring_nor_on_the_read_model() {
        noClasses().that().resideInAPackage("dev.scheduling.reminders..")
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                           "org.axonframework.spring..", "dev.scheduling.app..", "dev.scheduling.projections..")
                   .check(classes);
    }

    @Test
    void the_reminder_saga_reaches_aws_only_through_its_adapters() {
        noClasses().that().resideInAPackage("dev.scheduling.reminders")
                   .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                   .check(classes);
    }

    /** Time and identity come in with the commands and events, so that fixtures and replays decide the same way. */
    @Test
    void neither_the_domain_nor_the_saga_reads_a_clock_or_makes_random_ids() {
        noClasses().that().resideInAnyPackage("dev.scheduling.domain..", "dev.scheduling.reminders")
                   .should().callMethod(Instant.class, "now")
                   .orShould().callMethod(LocalDate.class, "now")
                   .orShould().callMethod(LocalDateTime.class, "now")
                   .orShould().callMethod(LocalTime.class, "now")
                   .orShould().callMethod(OffsetDateTime.class, "now")
                   .orShould().callMethod(ZonedDateTime.class, "now")
                   .orShould().callMethod(Clock.class, "systemUTC")
                   .orShould().callMethod(Clock.class, "systemDefaultZone")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(UUID.class, "randomUUID")
                   .orShould().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class,
                           ThreadLocalRandom.class, SplittableRandom.class)
                   .check(classes);
    }

    @Test
    void the_domain_does_not_know_the_read_model() {
        noClasses().that().resideInAPackage("dev.scheduling.domain..")
                   .should().dependOnClassesThat().resideInAPackage("dev.scheduling.projections..")
                   .check(classes);
    }

    @Test
    void nothing_depends_on_the_app() {
        noClasses().that().resideOutsideOfPackage("dev.scheduling.app..")
                   .should().dependOnClassesThat().resideInAPackage("dev.scheduling.app..")
                   .check(classes);
    }

    /** Inside the app, packages by what they do, each free to use another only where no path leads back. */
    @Test
    void the_apps_packages_have_no_cycles() {
        slices().matching("dev.scheduling.app.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Controllers parse and answer; what they ask of a store, they ask of application code beside them. */
    @Test
    void the_web_layer_calls_application_code_never_a_store() {
        noClasses().that().areAnnotatedWith(RestController.class)
                   .should().dependOnClassesThat().resideInAnyPackage(STORES)
                   .orShould().dependOnClassesThat().belongToAnyOf(AppointmentTable.class, EventStore.class,
                           DataSource.class)
                   .check(classes);
    }

    /** Where stores are reached: the packages, and the classes of the read model's and event store's access. */
    static final String[] STORES = {"javax.sql..", "java.sql..", "org.springframework.jdbc..", "software.amazon.awssdk..",
            "com.amazonaws..", "org.axonframework.eventsourcing..", "org.axonframework.config..",
            "org.axonframework.eventhandling..", "org.axonframework.queryhandling..", "org.axonframework.commandhandling..",
            "dev.scheduling.projections.dynamodb.."};

    @Test
    void the_domain_was_imported() {
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scheduling.domain.calendar")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scheduling.app.web")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scheduling.app.calendar")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scheduling.projections.appointments")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scheduling.reminders")).isTrue();
    }
}
