package io.github.cameloffice365.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one benchmark reports: a table for people and the same numbers, with the raw samples, for the JSON file.
 *
 * @param key   the benchmark's key in the JSON file
 * @param table the table printed
 * @param json  the numbers
 */
record Section(String key, Table table, ObjectNode json) {
}
