package org.hearth.live.sidepath;

import java.io.Serializable;

/** Builds a side path's writer inside its task (files and connections do not travel with the graph). */
@FunctionalInterface
public interface SideWriterFactory<T> extends Serializable {

    /** @param subtask the writer's subtask index, for file names */
    SideWriter<T> create(int subtask) throws Exception;
}
