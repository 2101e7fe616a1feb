// The whole plugin SDK in one include.
#pragma once
#include "lienket/context.hpp"
#include "lienket/fields.hpp"
#include "lienket/message.hpp"
#include "lienket/plugin.hpp"
#include "lienket/status.hpp"
#include "lienket/store.hpp"
#include "lienket/time.hpp"
