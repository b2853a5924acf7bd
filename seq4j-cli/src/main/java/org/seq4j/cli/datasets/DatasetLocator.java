package org.seq4j.cli.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds a dataset on disk, or downloads it once. Places, in order:
 * <ol>
 *   <li>the explicit path ({@code --data PATH}): a file, or a folder holding the file or the extracted folder.
 *       When given it is the only place looked at: a wrong {@code --data} is an error, never silently
 *       replaced by another copy;</li>
 *   <li>{@code $SEQ4J_DATA} (a file or a folder);</li>
 *   <li>{@code ~/.seq4j/datasets/};</li>
 *   <li>{@code ../shared/data} relative to the repository root (found from where seq4j's classes are), then
 *       relative to the working directory;</li>
 *   <li>a download from the dataset's official URL into {@code ~/.seq4j/datasets/}: written to a temporary
 *       file in that folder, checked against the known checksums, then atomically renamed, so a partial or
 *       corrupt download is never found later. Progress goes to stderr.</li>
 * </ol>
 * In a folder, {@link DatasetSpec#fileName()} (the archive) is preferred over {@link DatasetSpec#folderName()}
 * (the extracted folder). Files found on disk are not checksummed (a user's own copy may differ); readers
 * report corrupt files. The {@link Downloader} is injectable so tests never touch the network.
 */
public final class DatasetLocator {

    /** A digest of an accepted file: {@code algorithm} as in {@link MessageDigest} ("SHA-256", "MD5"). */
    public record Checksum(String algorithm, String hex) {
        public Checksum {
            Objects.requireNonNull(algorithm, "algorithm");
            hex = hex.toLowerCase(Locale.ROOT);
        }
    }

    /** What to look for and where it comes from. A download passes if any of {@code checksums} matches. */
    public record DatasetSpec(String name, String fileName, String folderName, URI url, List<Checksum> checksums) {
        public DatasetSpec {
            checksums = List.copyOf(checksums);
            if (checksums.isEmpty()) {
                throw new IllegalArgumentException("a dataset download needs at least one checksum");
            }
        }
    }

    /**
     * The IMDB archive. Accepted: the SHA-256 of the copy in {@code shared/data} (57,127,150 bytes, the
     * {@code .feat} files removed), computed here with {@code sha256sum}; and the MD5 published for Stanford's
     * original 84 MB archive in PaddlePaddle's IMDB loader (not verifiable offline here).
     */
    public static final DatasetSpec IMDB = new DatasetSpec("IMDB (Large Movie Review Dataset)", "aclImdb_v1.tar.gz",
            "aclImdb", URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"), List.of(
                    new Checksum("SHA-256", "696d00ae203652d987dae231cd0fa255d522858dd00115c850ea18296ce47456"),
                    new Checksum("MD5", "7c2ac02c03563afcf9b574c7e56c153a")));

    /** Fetches a URL. Implementations write the body to {@code out} and report progress. */
    @FunctionalInterface
    public interface Downloader {
        void download(URI url, OutputStream out, Progress progress) throws IOException;
    }

    /** Download progress: bytes so far, and the total or -1 if unknown. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private final Path explicit;
    private final String envData;
    private final Path home;
    private final Path workingDir;
    private final Path repoRoot;
    private final Downloader downloader;
    private final boolean allowDownload;
    private final PrintStream progressOut;

    private DatasetLocator(Builder b) {
        this.explicit = b.explicit;
        this.envData = b.environment.get("SEQ4J_DATA");
        this.home = b.home;
        this.workingDir = b.workingDir;
        this.repoRoot = b.repoRoot;
        this.downloader = b.downloader;
        this.allowDownload = b.allowDownload;
        this.progressOut = b.progressOut;
    }

    /** The real environment: {@code System.getenv()}, {@code user.home}, {@code user.dir}, HTTP, stderr. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code ~/.seq4j/datasets}: where downloads go and where users may put files. */
    public Path datasetsDir() {
        return home.resolve(".seq4j").resolve("datasets");
    }

    /**
     * The dataset's path: the archive file or the extracted folder.
     *
     * @throws DataException if the explicit path is wrong, or nothing was found and the download failed; the
     *     message lists every place looked at and where to put the file
     */
    public Path locate(DatasetSpec spec) {
        if (explicit != null) {
            Path found = resolve(explicit, spec, true);
            if (found == null) {
                throw new DataException(Files.exists(explicit)
                        ? "--data " + explicit + " is a folder without " + spec.fileName() + " or " + spec.folderName()
                                + "/ in it. Expected the " + spec.name() + " archive " + spec.fileName()
                                + " or its extracted " + spec.folderName() + "/ folder, or a folder holding one of them."
                        : "--data " + explicit + " does not exist. Hint: give the path of " + spec.fileName()
                                + " or of the extracted " + spec.folderName() + "/ folder.", explicit, -1, null);
            }
            return found;
        }
        Map<Path, String> looked = new LinkedHashMap<>();
        for (Map.Entry<Path, String> place : places().entrySet()) {
            looked.put(place.getKey(), place.getValue());
            Path found = resolve(place.getKey(), spec, place.getValue().startsWith("$SEQ4J_DATA"));
            if (found != null) {
                return found;
            }
        }
        String where = describe(looked);
        if (!allowDownload) {
            throw notFound(spec, where, "downloads are disabled", null);
        }
        try {
            return download(spec);
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw notFound(spec, where, "the download from " + spec.url() + " failed (" + reason(e) + ")", e);
        }
    }

    /** The places searched before downloading, in order, with a label each. */
    public Map<Path, String> places() {
        Map<Path, String> p = new LinkedHashMap<>();
        if (envData != null && !envData.isBlank()) {
            p.putIfAbsent(Path.of(envData), "$SEQ4J_DATA");
        }
        p.putIfAbsent(datasetsDir(), "~/.seq4j/datasets");
        if (repoRoot != null) {
            p.putIfAbsent(repoRoot.resolve("../shared/data").normalize(), "../shared/data beside the repository");
        }
        p.putIfAbsent(workingDir.resolve("../shared/data").normalize(), "../shared/data from the working directory");
        return p;
    }

    private DataException notFound(DatasetSpec spec, String where, String why, Exception cause) {
        return new DataException("Could not find the " + spec.name() + " dataset, and " + why + ".\nLooked in:\n"
                + where + "Put " + spec.fileName() + " (or the extracted " + spec.folderName() + "/ folder) in "
                + datasetsDir() + ", or pass --data PATH, or set SEQ4J_DATA. It can be downloaded from "
                + spec.url() + ".", null, -1, cause);
    }

    private static String describe(Map<Path, String> looked) {
        StringBuilder sb = new StringBuilder();
        looked.forEach((path, label) -> sb.append("  - ").append(path).append("  (").append(label).append(")\n"));
        return sb.toString();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        String offline = e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
                || e instanceof java.net.http.HttpConnectTimeoutException ? " — no network connection?" : "";
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m) + offline;
    }

    /** The archive or folder at {@code place}, or null. A regular file is accepted only when {@code fileOk}. */
    private static Path resolve(Path place, DatasetSpec spec, boolean fileOk) {
        if (Files.isRegularFile(place)) {
            return fileOk ? place : null;
        }
        if (!Files.isDirectory(place)) {
            return null;
        }
        if (Files.isRegularFile(place.resolve(spec.fileName()))) {
            return place.resolve(spec.fileName());
        }
        if (Files.isDirectory(place.resolve(spec.folderName()))) {
            return place.resolve(spec.folderName());
        }
        Path name = place.getFileName();
        return name != null && name.toString().equals(spec.folderName()) ? place : null;
    }

    // ------------------------------------------------------------------------------------------ download

    private Path download(DatasetSpec spec) throws IOException {
        Path dir = datasetsDir();
        Files.createDirectories(dir);
        Path target = dir.resolve(spec.fileName());
        Path tmp = Files.createTempFile(dir, spec.fileName() + ".", ".seq4j.tmp");
        boolean done = false;
        try {
            Map<String, MessageDigest> digests = new LinkedHashMap<>();
            for (Checksum c : spec.checksums()) {
                digests.computeIfAbsent(c.algorithm(), DatasetLocator::digest);
            }
            ProgressBar bar = new ProgressBar(progressOut, spec.fileName());
            try (OutputStream file = Files.newOutputStream(tmp); OutputStream out = new DigestingStream(file, digests)) {
                downloader.download(spec.url(), out, bar);
            }
            bar.finish();
            Map<String, String> actual = new LinkedHashMap<>();
            digests.forEach((alg, md) -> actual.put(alg, HexFormat.of().formatHex(md.digest())));
            boolean ok = spec.checksums().stream().anyMatch(c -> c.hex().equals(actual.get(c.algorithm())));
            if (!ok) {
                throw new DataException("The download of " + spec.url() + " is not the expected file: its checksums "
                        + actual + " match none of " + spec.checksums() + ". It was deleted. Hint: retry, or download "
                        + spec.fileName() + " yourself and put it in " + dir + ".", target, -1, null);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return target;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm, e);
        }
    }

    /** Feeds every byte written to the digests. */
    private static final class DigestingStream extends OutputStream {
        private final OutputStream out;
        private final Map<String, MessageDigest> digests;

        DigestingStream(OutputStream out, Map<String, MessageDigest> digests) {
            this.out = out;
            this.digests = digests;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (MessageDigest md : digests.values()) {
                md.update(b, off, len);
            }
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A one-line progress bar redrawn with {@code \r}, at most 5 times a second. */
    static final class ProgressBar implements Progress {
        private final PrintStream out;
        private final String label;
        private final long start = System.nanoTime();
        private long lastDraw;
        private long done;
        private long total = -1;

        ProgressBar(PrintStream out, String label) {
            this.out = out;
            this.label = label;
        }

        @Override
        public void update(long done, long total) {
            this.done = done;
            this.total = total;
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L) {
                lastDraw = now;
                draw();
            }
        }

        void finish() {
            if (total < 0) {
                total = done;
            }
            draw();
            out.println();
            out.flush();
        }

        private void draw() {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            String rate = String.format(Locale.ROOT, "%.1f MB/s", done / 1e6 / seconds);
            if (total > 0) {
                int width = 30;
                int filled = (int) Math.min(width, width * done / total);
                out.printf(Locale.ROOT, "\rDownloading %s [%s%s] %3d%% %.1f/%.1f MB %s", label, "#".repeat(filled),
                        "-".repeat(width - filled), (int) (100 * done / total), done / 1e6, total / 1e6, rate);
            } else {
                out.printf(Locale.ROOT, "\rDownloading %s %.1f MB %s", label, done / 1e6, rate);
            }
            out.flush();
        }
    }

    /** java.net.http, redirects followed, 30 s to connect; any status but 200 is an error. */
    public static Downloader httpDownloader() {
        return (url, out, progress) -> {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest request = HttpRequest.newBuilder(url).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP status " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream in = response.body()) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                    progress.update(done, total);
                }
            }
        };
    }

    /** The repository root holding seq4j's sources (a folder with pom.xml and seq4j-cli/), or null. */
    static Path findRepoRoot(Path start) {
        for (Path p = start == null ? null : start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("seq4j-cli"))) {
                return p;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            var source = DatasetLocator.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ builder

    /** Every input of the search, overridable for tests. */
    public static final class Builder {
        private Path explicit;
        private Map<String, String> environment = System.getenv();
        private Path home = Path.of(System.getProperty("user.home"));
        private Path workingDir = Path.of(System.getProperty("user.dir"));
        private Path repoRoot;
        private boolean repoRootSet;
        private Downloader downloader = httpDownloader();
        private boolean allowDownload = true;
        private PrintStream progressOut = System.err;

        private Builder() {
        }

        /** {@code --data PATH}; null = not given. */
        public Builder explicit(Path path) {
            this.explicit = path;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        public Builder workingDir(Path workingDir) {
            this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
            return this;
        }

        /** The repository root; null = none. Default: found from the location of seq4j's classes. */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            this.repoRootSet = true;
            return this;
        }

        public Builder downloader(Downloader downloader) {
            this.downloader = Objects.requireNonNull(downloader, "downloader");
            return this;
        }

        /** False: never download (an error lists where to put the file instead). */
        public Builder allowDownload(boolean allowDownload) {
            this.allowDownload = allowDownload;
            return this;
        }

        public Builder progressOut(PrintStream progressOut) {
            this.progressOut = Objects.requireNonNull(progressOut, "progressOut");
            return this;
        }

        public DatasetLocator build() {
            if (!repoRootSet) {
                repoRoot = findRepoRoot(codeLocation());
            }
            return new DatasetLocator(this);
        }
    }
}
