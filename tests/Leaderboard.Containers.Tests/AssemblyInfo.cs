// Containers share the machine's two cores with everything else: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
