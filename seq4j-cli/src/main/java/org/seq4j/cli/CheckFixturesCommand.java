package org.seq4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq4j.verify.Fixtures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./seq4j check-fixtures DIR}: one line per fixture file, {@code NAME max_abs_err=… OK|FAIL}; exit 1 on any FAIL. */
@Command(name = "check-fixtures", mixinStandardHelpOptions = true,
        description = "Check seq4j against reference fixtures (forward values, final states, gradients, a training run). "
                + "Format: shared/fixtures/recurrent/README.md. Prints NAME max_abs_err=... OK|FAIL per file; exits 1 on any FAIL.")
final class CheckFixturesCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Directory of *.json fixtures, e.g. ../shared/fixtures/recurrent")
    Path dir;

    @Override
    public Integer call() throws Exception {
        List<Fixtures.Outcome> outcomes = Fixtures.checkDirectory(dir);
        boolean allOk = true;
        for (Fixtures.Outcome o : outcomes) {
            String err = Double.isNaN(o.maxAbsErr()) ? "nan" : String.format(Locale.ROOT, "%.3e", o.maxAbsErr());
            System.out.println(o.name() + " max_abs_err=" + err + " " + (o.ok() ? "OK" : "FAIL")
                    + (o.error() != null ? " (" + o.error() + ")" : ""));
            allOk &= o.ok();
        }
        return allOk ? 0 : 1;
    }
}
