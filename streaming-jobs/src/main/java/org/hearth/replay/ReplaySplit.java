package org.hearth.replay;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.hearth.models.registry.RegistryLoader;

/**
 * The whole replay as one split: the files, their format, the registry text, and how many records
 * were already emitted (the position to resume from after a restore).
 */
record ReplaySplit(List<String> files, ReplayFormat format, String homesYaml, long emitted)
        implements IteratorSourceSplit<ReplayRecord, MergedLines> {

    @Override
    public String splitId() {
        return "replay";
    }

    @Override
    public MergedLines getIterator() {
        return new MergedLines(files.stream().map(Path::of).toList(), format,
                new RegistryLoader().parse("homes.yaml", homesYaml), emitted);
    }

    @Override
    public IteratorSourceSplit<ReplayRecord, MergedLines> getUpdatedSplitForIterator(MergedLines iterator) {
        return new ReplaySplit(files, format, homesYaml, iterator.emitted());
    }
}
