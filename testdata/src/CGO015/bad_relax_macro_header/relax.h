#ifndef RELAX_H
#define RELAX_H

#define CPU_RELAX() __asm__ __volatile__("pause" ::: "memory") /* want CGO015 */

#endif
