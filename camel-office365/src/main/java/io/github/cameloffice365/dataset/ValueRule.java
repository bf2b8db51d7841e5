package io.github.cameloffice365.dataset;

import java.util.Objects;

/** How the row writer turns one Graph string value into the form MGDC writes it in. */
final class ValueRule {

    /** The kinds of conversion MGDC applies. */
    enum Kind {
        /** A DateTimeOffset: written at second precision in UTC, {@code yyyy-MM-ddTHH:mm:ssZ}. */
        TIMESTAMP,
        /** A Date ({@code 2012-02-07}): written as midnight UTC, {@code 2012-02-07T00:00:00Z}. */
        DATE,
        /** A timeOfDay ({@code 08:00:00.0000000}): written on 1 January 1970, {@code 1970-01-01T08:00:00Z}. */
        TIME_OF_DAY,
        /** An enumeration inside a complex value: written as {@code microsoft.graph.<enumType>'<value>'}. */
        ENUM
    }

    private final Kind kind;
    private final String enumType;
    private final String enumPrefix;

    private ValueRule(Kind kind, String enumType) {
        this.kind = kind;
        this.enumType = enumType;
        this.enumPrefix = enumType == null ? null : "microsoft.graph." + enumType + "'";
    }

    static ValueRule timestamp() {
        return new ValueRule(Kind.TIMESTAMP, null);
    }

    static ValueRule date() {
        return new ValueRule(Kind.DATE, null);
    }

    static ValueRule timeOfDay() {
        return new ValueRule(Kind.TIME_OF_DAY, null);
    }

    /** An enumeration of the given Graph enum type, e.g. {@code bodyType}. */
    static ValueRule enumeration(String enumType) {
        return new ValueRule(Kind.ENUM, Objects.requireNonNull(enumType, "enumType"));
    }

    Kind kind() {
        return kind;
    }

    /** The Graph enum type of an ENUM rule, otherwise null. */
    String enumType() {
        return enumType;
    }

    /** The MGDC form of one Graph value. */
    String apply(String graphValue) {
        return switch (kind) {
            case TIMESTAMP, DATE -> MgdcValues.timestamp(graphValue);
            case TIME_OF_DAY -> MgdcValues.timeOfDay(graphValue);
            case ENUM -> enumPrefix + graphValue + "'";
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ENUM ? "enum " + enumType : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
