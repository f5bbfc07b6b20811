#include "shared/dto/interaction.h"
