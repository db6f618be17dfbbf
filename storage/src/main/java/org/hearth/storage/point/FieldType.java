package org.hearth.storage.point;

/** The line-protocol type of a field; the server keeps it, and a clash is rejected. */
public enum FieldType {
    FLOAT,
    INTEGER,
    STRING,
    BOOLEAN
}
