package org.hearth.models.encoding;

/**
 * The strings of one encoded value, each written once and referred to by its index: a writer adds
 * them as it meets them ({@link #index}), a reader looks them up ({@link #get}).
 */
public interface StringTable {

    /** The index of {@code s}, added at the end when new (writing only). */
    int index(String s);

    /** The string at {@code index}. */
    String get(int index);
}
