/* Compiler: class definitions (constructor, methods, accessors, static
 * members, fields, private names, static blocks, heritage). */
#include <stdlib.h>
#include <string.h>
#include "compile_int.h"

void compile_class(FuncState *fs, AstClass *cl, int dst, JSAtom name_hint)
{
    cerror(fs, &cl->h, "classes are not supported yet");
}
