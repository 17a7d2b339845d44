package dev.scheduling.projections.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableDefinitionsTest {

    private final TableDefinitions template = TableDefinitions.fromClasspath(TableDefinitions.CORE_TEMPLATE);

    @Test
    void the_appointments_table_is_read_from_the_cloudformation_template() {
        CreateTableRequest table = template.table(TableDefinitions.APPOINTMENTS_TABLE, "appointments-here");

        assertThat(table.tableName()).isEqualTo("appointments-here");
        assertThat(table.keySchema()).containsExactly(key("appointmentId", KeyType.HASH), key("userId", KeyType.RANGE));
        assertThat(table.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("userId-start-index");
            assertThat(index.keySchema()).containsExactly(key("userId", KeyType.HASH), key("start", KeyType.RANGE));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
    }

    @Test
    void a_table_created_from_it_has_its_keys_and_index() {
        String name = LocalDynamoDb.newAppointmentsTable();

        TableDescription created = LocalDynamoDb.client().describeTable(r -> r.tableName(name)).table();

        assertThat(created.keySchema()).containsExactly(key("appointmentId", KeyType.HASH), key("userId", KeyType.RANGE));
        assertThat(created.globalSecondaryIndexes()).singleElement()
                                                    .satisfies(i -> assertThat(i.indexName()).isEqualTo("userId-start-index"));
    }

    @Test
    void asking_for_a_resource_the_template_does_not_define_fails() {
        assertThatThrownBy(() -> template.table("NoSuchTable", "x")).isInstanceOf(IllegalStateException.class)
                                                                    .hasMessageContaining("NoSuchTable");
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
