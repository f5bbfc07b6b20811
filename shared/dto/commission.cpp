#include "shared/dto/commission.h"
