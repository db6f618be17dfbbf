package org.hearth.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.hearth.models.registry.RegistryLoader;

/**
 * The whole replay as one split: the files, their format, the registry text, and how many records
 * were already emitted (the position to resume from after a restore).
 *
 * <p>The split travels to its reader and into checkpoints as JSON of its four components only: the
 * interface's getters are not properties ({@code getIterator()} would otherwise be serialized by
 * reading and decoding every line of every file into the split message).
 */
record ReplaySplit(List<String> files, ReplayFormat format, String homesYaml, long emitted)
        implements IteratorSourceSplit<ReplayRecord, MergedLines> {

    @Override
    @JsonIgnore
    public String splitId() {
        return "replay";
    }

    @Override
    @JsonIgnore
    public MergedLines getIterator() {
        return new MergedLines(files.stream().map(Path::of).toList(), format,
                new RegistryLoader().parse("homes.yaml", homesYaml), emitted);
    }

    @Override
    public IteratorSourceSplit<ReplayRecord, MergedLines> getUpdatedSplitForIterator(MergedLines iterator) {
        return new ReplaySplit(files, format, homesYaml, iterator.emitted());
    }
}
