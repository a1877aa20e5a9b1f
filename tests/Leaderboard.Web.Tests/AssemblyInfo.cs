// Hangfire keeps its log provider process-wide, pointing at the last portal started; a portal disposed
// while another runs would leave it dangling. One portal at a time in this test process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
