package dev.scheduling.app.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.eventstore.ConnectionPools;
import dev.scheduling.app.privacy.PersonalDataCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Every event of every calendar in a time range, in global order, written as newline-delimited JSON while it is
 * read: a server-side cursor fetches rows a few hundred at a time, so memory does not grow with the export.
 */
public class AuditExport {

    private static final int FETCH_SIZE = 500;
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /**
     * Timestamps are stored as ISO-8601 text of varying precision, which sorts as time within four-digit years: the
     * query takes a second either side (kept within those years), then each row's instant is compared exactly.
     */
    private static final String SQL = "SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, "
            + "payloadrevision, timestamp, convert_from(metadata, 'UTF8'), convert_from(payload, 'UTF8') "
            + "FROM domainevententry WHERE timestamp >= ? AND timestamp < ? ORDER BY globalindex";

    private final DataSource dataSource;
    private final PersonalDataCipher personalData;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();
    private final Counter rowsRead;

    public AuditExport(DataSource dataSource, PersonalDataCipher personalData, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.personalData = personalData;
        this.rowsRead = Counter.builder("scheduling.audit.export.rows")
                               .description("Events read from the event store by audit exports").register(meters);
    }

    /**
     * Writes the export on a thread a request handed it to (a streamed response body), with the requests'
     * connections.
     */
    public void exportForRequest(Instant from, Instant to, OutputStream out) {
        ConnectionPools.asRequest(() -> export(from, to, out));
    }

    public void export(Instant from, Instant to, OutputStream out) {
        try (Connection connection = dataSource.getConnection();
             JsonGenerator lines = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setString(1, asStored(from.minusSeconds(1)));
                statement.setString(2, asStored(to.plusSeconds(1)));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rowsRead.increment();
                        Instant time = Instant.parse(rows.getString(6));
                        if (!time.isBefore(from) && time.isBefore(to)) {
                            write(rows, time, lines);
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            lines.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("Audit export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant as the stored text compares, clamped to the years of four digits (the API accepts no others). */
    static String asStored(Instant instant) {
        return (instant.isBefore(FIRST) ? FIRST : instant.isAfter(LAST) ? LAST : instant).toString();
    }

    /**
     * One event as one line, its personal data opened (null where its user was erased); the generator buffers, so
     * lines reach the client in blocks, not one write each.
     */
    private void write(ResultSet row, Instant time, JsonGenerator line) throws SQLException, IOException {
        String type = row.getString(4);
        line.writeStartObject();
        line.writeNumberField("globalIndex", row.getLong(1));
        line.writeStringField("userId", row.getString(2));
        line.writeNumberField("sequence", row.getLong(3));
        line.writeStringField("type", type.substring(type.lastIndexOf('.') + 1));
        line.writeStringField("revision", row.getString(5));
        line.writeStringField("time", time.toString());
        line.writeFieldName("metadata");
        line.writeRawValue(row.getString(7) == null ? "{}" : row.getString(7));
        line.writeFieldName("payload");
        String payload = row.getString(8);
        if (payload.contains(PersonalDataCipher.SEALED_MARK)) {
            JsonNode document = mapper.readTree(payload);
            personalData.openAll(document, type);
            line.writeTree(document);
        } else {
            line.writeRawValue(payload);
        }
        line.writeEndObject();
        line.writeRaw('\n');
    }
}
