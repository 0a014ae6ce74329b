/* prelude_opencl.h: what differs when filprover.cl is compiled as OpenCL C 1.2 (see docs/gpu.md).
 * The host prepends this file to filprover.cl and builds the result with clBuildProgram. */
#define FP_OPENCL 1

typedef uchar u8;
typedef uint u32;
typedef ulong u64;

#define KERNEL __kernel
#define GLOBAL __global
#define LOCAL __local
#define DEVICE


#define GLOBAL_ID() ((u64)get_global_id(0))

/* work-group indices and the local-memory barrier */
#define LOCAL_ID() ((u64)get_local_id(0))
#define GROUP_ID() ((u64)get_group_id(0))
#define BARRIER_LOCAL() barrier(CLK_LOCAL_MEM_FENCE)

/* high halves of unsigned products */
#define MUL_HI_U32(a, b) mul_hi((u32)(a), (u32)(b))
#define MUL_HI_U64(a, b) mul_hi((u64)(a), (u64)(b))

#define ROTR32(x, n) rotate((u32)(x), (u32)(32 - (n)))

/* program-scope read-only tables */
#define CONSTANT __constant
