package org.hearth.replay;

import java.util.List;

/** Turns one line of one replay file into records; never throws for bad input. */
interface LineDecoder {

    /**
     * @param line the line without its terminator (never blank)
     * @param lineNumber 1-based, for dead letters
     */
    List<ReplayRecord> decode(String line, long lineNumber);
}
