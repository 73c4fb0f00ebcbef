package org.mnist1d.workbench.experiments.ssl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.mnist1d.LegacyRandom;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.InfoNce;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.SimClrEncoder;
import org.mnist1d.workbench.train.FusedAdam;
import org.mnist1d.workbench.train.ObjectiveTraining;

/**
 * {@code ssl-simclr-step}: one SimCLR training step of the standard encoder as the notebook takes
 * it: a batch of 100 augmented twice, both views through the encoder, the InfoNCE loss, backward
 * and the Adam update.
 */
public final class SimClrStepWorkload implements BenchWorkload {

  /** The SSL experiment's workloads. */
  public static final class Suite implements BenchSuite {
    @Override
    public List<BenchWorkload> workloads() {
      return List.of(new SimClrStepWorkload());
    }
  }

  @Override
  public String name() {
    return "ssl-simclr-step";
  }

  @Override
  public String description() {
    return "one SimCLR step (two augmented views of a batch of 100, InfoNCE, Adam) of the standard"
        + " encoder";
  }

  @Override
  public int warmup() {
    return 50;
  }

  @Override
  public int iterations() {
    return 500;
  }

  @Override
  public Trial prepare() {
    Mnist1dData d = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
    SimClrEncoder encoder = SimClrEncoder.upstream(SimClrEncoder.Projector.STANDARD);
    NDManager manager = NDManager.newBaseManager();
    ObjectiveTraining run =
        new ObjectiveTraining(
            encoder.parameters(),
            manager,
            Initialization.values(encoder, 42),
            null,
            DataType.FLOAT32,
            m -> new FusedAdam(m, 0.01));
    InfoNce loss = new InfoNce(manager, 0.5, DataType.FLOAT32);
    Augmentation augment = Augmentation.upstream();
    LegacyRandom numpy = new LegacyRandom(42);
    SplittableRandom normals = new SplittableRandom(42);
    Shape shape = new Shape(100, 40);
    return new Trial() {
      @Override
      public void runOnce() {
        int start = (run.steps() % 40) * 100;
        double[][] rows = java.util.Arrays.copyOfRange(d.x(), start, start + 100);
        double[] v1 = augment.view(rows, numpy, normals);
        double[] v2 = augment.view(rows, numpy, normals);
        run.step(
            (p, scope) ->
                loss.loss(
                    encoder.forward(
                        p, ArrayValues.of(scope.manager(), v1, shape, DataType.FLOAT32)),
                    encoder.forward(
                        p, ArrayValues.of(scope.manager(), v2, shape, DataType.FLOAT32))));
      }

      @Override
      public void close() {
        run.close();
        manager.close();
      }
    };
  }
}
