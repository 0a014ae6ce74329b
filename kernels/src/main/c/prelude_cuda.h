/* prelude_cuda.h: what differs when filprover.cl is compiled as CUDA C++ (see docs/gpu.md).
 * kernels/build-cuda.sh concatenates this file and filprover.cl into one .cu for nvcc. */
#define FP_CUDA 1

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define KERNEL extern "C" __global__
#define GLOBAL
#define LOCAL __shared__
#define DEVICE __device__


#define GLOBAL_ID() ((u64)blockIdx.x * (u64)blockDim.x + (u64)threadIdx.x)

/* work-group indices and the local-memory barrier */
#define LOCAL_ID() ((u64)threadIdx.x)
#define GROUP_ID() ((u64)blockIdx.x)
#define BARRIER_LOCAL() __syncthreads()

/* high halves of unsigned products */
#define MUL_HI_U32(a, b) __umulhi((u32)(a), (u32)(b))
#define MUL_HI_U64(a, b) __umul64hi((u64)(a), (u64)(b))

#define ROTR32(x, n) __funnelshift_r((u32)(x), (u32)(x), (n))

/* program-scope read-only tables */
#define CONSTANT __constant__
