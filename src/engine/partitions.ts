// The partitions the engine can diagnose in: the one table lives in core/knowledge/partitions.ts.

export { PARTITIONS, isPartition, type Partition, type PartitionInfo } from '../core/knowledge/partitions.ts';
