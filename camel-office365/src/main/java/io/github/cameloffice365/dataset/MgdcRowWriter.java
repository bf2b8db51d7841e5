package io.github.cameloffice365.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one Graph item as one MGDC row: a single line of JSON in UTF-8, without line end.
 *
 * <p>The row holds the selected data columns in the table's order, then the metadata columns {@code ODataType}
 * (for tables that have it), {@code puser}, {@code ptenant}, {@code pAdditionalInfo}, {@code datarow},
 * {@code userrow}, {@code pagerow} and {@code rowinformation}. Within the data columns:
 * <ul>
 *   <li>a column Graph left out is written as {@code null} (the key is always present), except a column the table
 *       marks as omitted when absent (a message's internet headers), which MGDC leaves out too;</li>
 *   <li>the values the table's conversion rules name are converted: timestamps to {@code yyyy-MM-ddTHH:mm:ssZ},
 *       Graph dates to midnight UTC, times of day to 1 January 1970, and enumerations inside complex values to
 *       {@code microsoft.graph.<enumType>'<value>'}; top-level enumerations stay as Graph writes them;</li>
 *   <li>nested objects keep Graph's keys in Graph's order, without OData annotations ({@code @odata.etag},
 *       {@code @odata.mediaContentType}...); an object's {@code @odata.type} is written as its last key,
 *       {@code ODataType}, as MGDC does for attachments;</li>
 *   <li>Graph properties that are not selected columns are dropped; strings are never altered otherwise, so CR and
 *       LF inside a body are written escaped and a row is always one line.</li>
 * </ul>
 *
 * <p>The bytes are UTF-8 whatever the platform's default charset is. Characters outside the Basic Multilingual Plane
 * are written as one 4-byte UTF-8 sequence. A string that holds an unpaired UTF-16 surrogate (which no UTF-8 encoder
 * can write, and which Graph passes on from malformed items) has each such surrogate replaced by U+FFFD, the Unicode
 * replacement character, so that every row stays valid UTF-8 and valid JSON.
 *
 * <p>A writer is immutable and may be shared by threads. It streams with Jackson's generator and reuses Jackson's
 * recycled buffers; it looks values up by one map access per nesting level, with no reflection.
 */
public final class MgdcRowWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private static final String ODATA_TYPE_ANNOTATION = "@odata.type";
    private static final SerializableString ODATA_TYPE = new SerializedString("ODataType");
    private static final SerializableString PUSER = new SerializedString("puser");
    private static final SerializableString PTENANT = new SerializedString("ptenant");
    private static final SerializableString P_ADDITIONAL_INFO = new SerializedString("pAdditionalInfo");
    private static final SerializableString DATAROW = new SerializedString("datarow");
    private static final SerializableString USERROW = new SerializedString("userrow");
    private static final SerializableString PAGEROW = new SerializedString("pagerow");
    private static final SerializableString ROWINFORMATION = new SerializedString("rowinformation");
    private static final SerializableString ERROR_INFORMATION = new SerializedString("errorInformation");
    private static final SerializableString USER_RETURNED_NO_DATA = new SerializedString("userReturnedNoData");
    private static final SerializableString IS_USER_SUMMARY_ROW = new SerializedString("isUserSummaryRow");
    private static final SerializableString USER_HAS_COMPLETE_DATA = new SerializedString("userHasCompleteData");

    private final Dataset dataset;
    private final List<DatasetColumn> columns;
    private final SerializableString[] columnKeys;
    private final String[] graphProperties;
    private final ValueRules[] columnRules;
    private final String odataType;

    /**
     * A writer of rows of the given table with the given columns.
     *
     * @param dataset the table
     * @param columns the data columns to write, as resolved by {@link Dataset#resolveColumns(String)}
     */
    public MgdcRowWriter(Dataset dataset, List<DatasetColumn> columns) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.columns = List.copyOf(columns);
        this.columnKeys = new SerializableString[this.columns.size()];
        this.graphProperties = new String[this.columns.size()];
        this.columnRules = new ValueRules[this.columns.size()];
        for (int i = 0; i < this.columns.size(); i++) {
            DatasetColumn column = this.columns.get(i);
            if (!dataset.columns().contains(column)) {
                throw new IllegalArgumentException("Column " + column + " is not a column of table " + dataset.name());
            }
            columnKeys[i] = new SerializedString(column.name());
            graphProperties[i] = column.graphProperty();
            columnRules[i] = dataset.valueRules().child(column.graphProperty());
        }
        this.odataType = dataset.odataType().orElse(null);
    }

    /** The table this writer writes rows of. */
    public Dataset dataset() {
        return dataset;
    }

    /** The data columns this writer writes, in order. */
    public List<DatasetColumn> columns() {
        return columns;
    }

    /**
     * Writes the row of one Graph item to the stream: one JSON object in UTF-8, with no line end. The stream is
     * neither flushed nor closed. If the stream fails part way, the bytes written so far are not a whole row.
     *
     * @param item     the Graph item, as Graph returned it
     * @param metadata the values of the metadata columns
     * @param out      where the row goes
     */
    public void write(ObjectNode item, RowMetadata metadata, OutputStream out) throws IOException {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(metadata, "metadata");
        try (JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            writeRow(generator, item, metadata);
        }
    }

    /** The row of one Graph item as UTF-8 bytes, with no line end. */
    public byte[] toBytes(ObjectNode item, RowMetadata metadata) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try {
            write(item, metadata, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a row to memory failed", e);
        }
    }

    private void writeRow(JsonGenerator generator, ObjectNode item, RowMetadata metadata) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < columnKeys.length; i++) {
            JsonNode value = item.get(graphProperties[i]);
            if (value == null && columns.get(i).isOmittedWhenAbsent()) {
                continue;
            }
            generator.writeFieldName(columnKeys[i]);
            writeValue(generator, value, columnRules[i]);
        }
        writeMetadata(generator, item, metadata);
        generator.writeEndObject();
    }

    private void writeMetadata(JsonGenerator generator, ObjectNode item, RowMetadata metadata) throws IOException {
        if (odataType != null) {
            // a derived type (an eventMessage among messages, say) says so itself
            JsonNode itemType = item.get(ODATA_TYPE_ANNOTATION);
            generator.writeFieldName(ODATA_TYPE);
            writeString(generator, itemType != null && itemType.isTextual() ? itemType.textValue() : odataType);
        }
        generator.writeFieldName(PUSER);
        writeString(generator, metadata.puser());
        generator.writeFieldName(PTENANT);
        writeString(generator, metadata.ptenant());
        generator.writeFieldName(P_ADDITIONAL_INFO);
        generator.writeNull();
        generator.writeFieldName(DATAROW);
        generator.writeNumber(metadata.datarow());
        generator.writeFieldName(USERROW);
        generator.writeNumber(metadata.userrow());
        generator.writeFieldName(PAGEROW);
        generator.writeNumber(metadata.pagerow());
        generator.writeFieldName(ROWINFORMATION);
        generator.writeStartObject();
        generator.writeFieldName(ERROR_INFORMATION);
        generator.writeNull();
        generator.writeFieldName(USER_RETURNED_NO_DATA);
        generator.writeBoolean(false);
        generator.writeFieldName(IS_USER_SUMMARY_ROW);
        generator.writeBoolean(false);
        generator.writeFieldName(USER_HAS_COMPLETE_DATA);
        generator.writeBoolean(false);
        generator.writeEndObject();
    }

    private static void writeValue(JsonGenerator generator, JsonNode value, ValueRules rules) throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        switch (value.getNodeType()) {
            case OBJECT -> writeObject(generator, value, rules);
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : value) {
                    writeValue(generator, element, rules);
                }
                generator.writeEndArray();
            }
            case STRING -> {
                ValueRule rule = rules == null ? null : rules.rule();
                writeString(generator, rule == null ? value.textValue() : rule.apply(value.textValue()));
            }
            case NUMBER -> writeNumber(generator, value);
            case BOOLEAN -> generator.writeBoolean(value.booleanValue());
            case BINARY -> generator.writeBinary(value.binaryValue());
            default -> generator.writeNull();
        }
    }

    private static void writeObject(JsonGenerator generator, JsonNode object, ValueRules rules) throws IOException {
        generator.writeStartObject();
        String odataType = null;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String key = property.getKey();
            if (key.indexOf('@') >= 0) {
                if (key.equals(ODATA_TYPE_ANNOTATION) && property.getValue().isTextual()) {
                    odataType = property.getValue().textValue();
                }
                continue;
            }
            generator.writeFieldName(MgdcValues.replaceLoneSurrogates(key));
            writeValue(generator, property.getValue(), rules == null ? null : rules.child(key));
        }
        if (odataType != null) {
            generator.writeFieldName(ODATA_TYPE);
            writeString(generator, odataType);
        }
        generator.writeEndObject();
    }

    private static void writeString(JsonGenerator generator, String value) throws IOException {
        generator.writeString(MgdcValues.replaceLoneSurrogates(value));
    }

    private static void writeNumber(JsonGenerator generator, JsonNode number) throws IOException {
        switch (number.numberType()) {
            case INT -> generator.writeNumber(number.intValue());
            case LONG -> generator.writeNumber(number.longValue());
            case BIG_INTEGER -> generator.writeNumber(number.bigIntegerValue());
            case FLOAT -> generator.writeNumber(number.floatValue());
            case DOUBLE -> generator.writeNumber(number.doubleValue());
            default -> generator.writeNumber(number.decimalValue());
        }
    }
}
