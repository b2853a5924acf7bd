/**
 * Datasets for the command line: {@link org.seq4j.cli.datasets.ImdbDataset} (Stanford's Large Movie Review
 * Dataset, read straight from {@code aclImdb_v1.tar.gz} or an extracted {@code aclImdb/} folder),
 * {@link org.seq4j.cli.datasets.DatasetLocator} (where the file is, or a verified download),
 * {@link org.seq4j.cli.datasets.LabeledTextReader} (the user's CSV / TSV / JSON Lines / class folders), all
 * returning {@link org.seq4j.cli.datasets.LabeledTexts}. Every problem with the data is a
 * {@link org.seq4j.cli.datasets.DataException} whose message names the file, the line when there is one, what
 * was expected, and a hint.
 *
 * <p>Text decoding, everywhere: UTF-8; invalid byte sequences become U+FFFD (the replacement character), like
 * Python's {@code errors="replace"}, instead of failing the whole dataset. A UTF-8 byte-order mark at the start
 * of a file is dropped. Empty texts are kept (they vectorize to an empty sequence).
 */
package org.seq4j.cli.datasets;
