package io.snapsim.report;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Renders a page into a folder given with -Dsnapsim.render.dir, to look at it by hand. Off by default. */
@EnabledIfSystemProperty(named = "snapsim.render.dir", matches = ".+")
class RenderForDevelopment {
    @Test
    void rendersACrashRun() throws Exception {
        Path reports = Path.of(System.getProperty("snapsim.render.dir"));
        var result = RunFolders.crashDuringCheckpoint(reports, System.getProperty("snapsim.render.mode", "EXACTLY_ONCE"));
        System.out.println("page: " + RunFolders.render(result.runDir()));
    }
}
