/**
 * Recurrent layers with Keras names, defaults and weight layouts: {@link org.seq4j.layers.rnn.SimpleRNN},
 * {@link org.seq4j.layers.rnn.LSTM}, {@link org.seq4j.layers.rnn.GRU} (sharing
 * {@link org.seq4j.layers.rnn.RecurrentLayer}) and the {@link org.seq4j.layers.rnn.Bidirectional} wrapper.
 *
 * <p>Each layer over a whole sequence is one fused autograd op ({@code RecurrentOp}): the input projection of all
 * real steps in one gemm, the time loop of one recurrent gemm per step plus fused gate math
 * ({@code LstmKernels}, {@code GruKernels}, {@code SimpleRnnKernels}, as {@code xxxForward}/{@code xxxBackward}
 * pairs), and the weight gradients: the LSTM's and GRU's accumulated every few thousand finished rows during
 * backpropagation through time ({@code Steps.RowsDone}), the SimpleRNN's in one gemm after it. Steps run in a
 * packed, length-sorted layout ({@code Schedule}), so padding costs nothing and never changes a result. The LSTM
 * stacks [W; U] and runs one [x̃ | h̃] product per step; after an Embedding the x̃·W of every cell is a row of E·W
 * ({@code ProjectedEmbedding}). Without gradients, {@code LstmInference} keeps only slot-sized buffers. Work buffers
 * come from {@code BufferPool}, sized once for the largest batch
 * ({@link org.seq4j.layers.rnn.RecurrentLayer#expectBatchTokens}).
 *
 * <p>{@link org.seq4j.layers.rnn.RecurrentFixture} checks a layer against the PyTorch float64 reference fixtures
 * ({@code shared/fixtures/recurrent}).
 */
package org.seq4j.layers.rnn;
